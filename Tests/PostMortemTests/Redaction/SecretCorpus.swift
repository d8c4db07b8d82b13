import TestSupport

/// A corpus of secret formats for measuring the redactor's recall, and of look-alikes for its
/// false alarms: not the rules' own examples, but every format that the open-source scanners
/// (gitleaks, trufflehog, detect-secrets) look for, each written from its provider's public
/// description (prefix, alphabet, length) and generated afresh from a seed, in the places
/// incident logs and command output carry them.
enum SecretCorpus {
    /// A format: how a secret of it is made, and whether it can be recognized without its key
    /// (a distinctive prefix or shape) or only beside a key that names it.
    struct Format {
        var name: String
        var parts: [Part]
        /// Recognizable alone, for instance in the middle of a log message.
        var standalone: Bool
        /// The key a configuration would hold it under (`DATADOG_API_KEY`).
        var key: String

        /// A secret of this format, and its drawn parts: what must not survive redaction (a
        /// URI's host or a token's prefix may).
        func make(_ random: inout SeededRandom) -> (text: String, drawn: [String]) {
            var text = ""
            var drawn: [String] = []
            for part in parts {
                let made = part.make(&random)
                text += made
                if case .drawn = part { drawn.append(made) }
            }
            return (text, drawn)
        }
    }

    /// A literal, or `count` characters drawn from an alphabet.
    enum Part {
        case literal(String)
        case drawn(Alphabet, Int)

        func make(_ random: inout SeededRandom) -> String {
            switch self {
            case .literal(let text): text
            case .drawn(let alphabet, let count):
                String((0..<count).map { _ in alphabet.characters[Int(random.next() % UInt64(alphabet.characters.count))] })
            }
        }
    }

    enum Alphabet {
        case hex, upperHex, digits, upper, lower, alphanumeric, upperAlphanumeric, lowerAlphanumeric, base32, base64, urlSafe, bech32

        var characters: [Character] {
            switch self {
            case .hex: Array("0123456789abcdef")
            case .upperHex: Array("0123456789ABCDEF")
            case .digits: Array("0123456789")
            case .upper: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
            case .lower: Array("abcdefghijklmnopqrstuvwxyz")
            case .alphanumeric: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            case .upperAlphanumeric: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            case .lowerAlphanumeric: Array("abcdefghijklmnopqrstuvwxyz0123456789")
            case .base32: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
            case .base64: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
            case .urlSafe: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
            case .bech32: Array("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")
            }
        }
    }

    private static func format(_ name: String, _ parts: Part..., standalone: Bool = true, key: String) -> Format {
        Format(name: name, parts: parts, standalone: standalone, key: key)
    }

    private static func keyed(_ name: String, _ parts: Part..., key: String) -> Format {
        Format(name: name, parts: parts, standalone: false, key: key)
    }

    /// Formats with a prefix or shape of their own (gitleaks' and trufflehog's provider rules).
    static let formats: [Format] = [
        format("aws-access-key-id", .literal("AKIA"), .drawn(.base32, 16), key: "AWS_ACCESS_KEY_ID"),
        format("aws-temporary-key-id", .literal("ASIA"), .drawn(.base32, 16), key: "AWS_ACCESS_KEY_ID"),
        format("aws-abia-key-id", .literal("ABIA"), .drawn(.base32, 16), key: "aws_access_key_id"),
        format("aws-acca-key-id", .literal("ACCA"), .drawn(.base32, 16), key: "aws_access_key_id"),
        format("aws-bedrock-long-term", .literal("ABSK"), .drawn(.base64, 132), key: "AWS_BEARER_TOKEN_BEDROCK"),
        format("github-classic-pat", .literal("ghp_"), .drawn(.alphanumeric, 36), key: "GITHUB_TOKEN"),
        format("github-oauth", .literal("gho_"), .drawn(.alphanumeric, 36), key: "GH_TOKEN"),
        format("github-user-to-server", .literal("ghu_"), .drawn(.alphanumeric, 36), key: "GITHUB_TOKEN"),
        format("github-server-to-server", .literal("ghs_"), .drawn(.alphanumeric, 36), key: "GITHUB_TOKEN"),
        format("github-refresh", .literal("ghr_"), .drawn(.alphanumeric, 36), key: "GITHUB_REFRESH_TOKEN"),
        format(
            "github-fine-grained-pat", .literal("github_pat_"), .drawn(.alphanumeric, 22), .literal("_"), .drawn(.alphanumeric, 59),
            key: "GITHUB_PAT"),
        format("gitlab-pat", .literal("glpat-"), .drawn(.urlSafe, 20), key: "GITLAB_TOKEN"),
        format("gitlab-pipeline-trigger", .literal("glptt-"), .drawn(.hex, 40), key: "TRIGGER_TOKEN"),
        format("gitlab-runner-auth", .literal("glrt-"), .drawn(.urlSafe, 20), key: "RUNNER_TOKEN"),
        format("gitlab-deploy-token", .literal("gldt-"), .drawn(.urlSafe, 20), key: "DEPLOY_TOKEN"),
        format("gitlab-feed-token", .literal("glft-"), .drawn(.urlSafe, 20), key: "FEED_TOKEN"),
        format("gitlab-ci-job-token", .literal("glcbt-"), .drawn(.hex, 5), .literal("_"), .drawn(.urlSafe, 20), key: "CI_JOB_TOKEN"),
        format("gitlab-oauth-secret", .literal("gloas-"), .drawn(.hex, 64), key: "OAUTH_SECRET"),
        format("gitlab-scim-token", .literal("glsoat-"), .drawn(.urlSafe, 20), key: "SCIM_TOKEN"),
        format("gitlab-incoming-mail", .literal("glimt-"), .drawn(.lowerAlphanumeric, 25), key: "INCOMING_MAIL_TOKEN"),
        format("gitlab-agent-token", .literal("glagent-"), .drawn(.urlSafe, 50), key: "AGENT_TOKEN"),
        format(
            "slack-bot-token", .literal("xoxb-"), .drawn(.digits, 12), .literal("-"), .drawn(.digits, 13), .literal("-"),
            .drawn(.alphanumeric, 24), key: "SLACK_BOT_TOKEN"),
        format(
            "slack-user-token", .literal("xoxp-"), .drawn(.digits, 12), .literal("-"), .drawn(.digits, 12), .literal("-"),
            .drawn(.digits, 13), .literal("-"), .drawn(.hex, 32), key: "SLACK_TOKEN"),
        format(
            "slack-app-token", .literal("xapp-1-A"), .drawn(.upperAlphanumeric, 10), .literal("-"), .drawn(.digits, 13), .literal("-"),
            .drawn(.hex, 64), key: "SLACK_APP_TOKEN"),
        format("slack-config-token", .literal("xoxe.xoxp-1-"), .drawn(.alphanumeric, 160), key: "SLACK_CONFIG_TOKEN"),
        format("slack-refresh-token", .literal("xoxe-1-"), .drawn(.alphanumeric, 140), key: "SLACK_REFRESH_TOKEN"),
        format(
            "slack-webhook", .literal("hooks.slack.com/services/T"), .drawn(.upperAlphanumeric, 10), .literal("/B"),
            .drawn(.upperAlphanumeric, 10), .literal("/"), .drawn(.alphanumeric, 24), key: "SLACK_WEBHOOK_URL"),
        format("stripe-secret-key", .literal("sk_live_"), .drawn(.alphanumeric, 99), key: "STRIPE_SECRET_KEY"),
        format("stripe-test-key", .literal("sk_test_"), .drawn(.alphanumeric, 24), key: "STRIPE_SECRET_KEY"),
        format("stripe-restricted-key", .literal("rk_live_"), .drawn(.alphanumeric, 24), key: "STRIPE_RESTRICTED_KEY"),
        format("stripe-webhook-secret", .literal("whsec_"), .drawn(.alphanumeric, 32), key: "STRIPE_WEBHOOK_SECRET"),
        format(
            "sentry-org-token", .literal("sntrys_eyJ"), .drawn(.base64, 80), .literal("_"), .drawn(.base64, 43), key: "SENTRY_AUTH_TOKEN"),
        format("sentry-user-token", .literal("sntryu_"), .drawn(.hex, 64), key: "SENTRY_AUTH_TOKEN"),
        format("shopify-access-token", .literal("shpat_"), .drawn(.hex, 32), key: "SHOPIFY_ACCESS_TOKEN"),
        format("shopify-custom-app", .literal("shpca_"), .drawn(.hex, 32), key: "SHOPIFY_TOKEN"),
        format("shopify-private-app", .literal("shppa_"), .drawn(.hex, 32), key: "SHOPIFY_PASSWORD"),
        format("shopify-shared-secret", .literal("shpss_"), .drawn(.hex, 32), key: "SHOPIFY_SHARED_SECRET"),
        format("newrelic-user-key", .literal("NRAK-"), .drawn(.upperAlphanumeric, 27), key: "NEW_RELIC_API_KEY"),
        format("newrelic-browser-key", .literal("NRJS-"), .drawn(.hex, 19), key: "NEW_RELIC_BROWSER_KEY"),
        format("newrelic-insert-key", .literal("NRII-"), .drawn(.urlSafe, 32), key: "NEW_RELIC_INSERT_KEY"),
        format("planetscale-token", .literal("pscale_tkn_"), .drawn(.urlSafe, 43), key: "PLANETSCALE_TOKEN"),
        format("planetscale-password", .literal("pscale_pw_"), .drawn(.urlSafe, 43), key: "PLANETSCALE_PASSWORD"),
        format("planetscale-oauth", .literal("pscale_oauth_"), .drawn(.urlSafe, 43), key: "PLANETSCALE_OAUTH"),
        format("grafana-cloud-token", .literal("glc_"), .drawn(.base64, 80), key: "GRAFANA_CLOUD_TOKEN"),
        format(
            "grafana-service-account", .literal("glsa_"), .drawn(.alphanumeric, 32), .literal("_"), .drawn(.hex, 8), key: "GRAFANA_TOKEN"),
        format("grafana-api-key", .literal("eyJrIjoi"), .drawn(.base64, 70), key: "GRAFANA_API_KEY"),
        format("fly-token", .literal("FlyV1 fm2_lJPECAAAAAAAA"), .drawn(.base64, 120), key: "FLY_API_TOKEN"),
        format(
            "atlassian-api-token", .literal("ATATT3xFfGF0"), .drawn(.urlSafe, 170), .literal("="), .drawn(.upperHex, 8),
            key: "JIRA_API_TOKEN"),
        format("atlassian-connect", .literal("ATCTT3xFfGN0"), .drawn(.urlSafe, 170), key: "CONFLUENCE_TOKEN"),
        format("telegram-bot-token", .drawn(.digits, 10), .literal(":AA"), .drawn(.urlSafe, 33), key: "TELEGRAM_BOT_TOKEN"),
        format("google-api-key", .literal("AIza"), .drawn(.urlSafe, 35), key: "GOOGLE_API_KEY"),
        format("google-oauth-secret", .literal("GOCSPX-"), .drawn(.urlSafe, 28), key: "GOOGLE_CLIENT_SECRET"),
        format("google-oauth-access", .literal("ya29."), .drawn(.urlSafe, 120), key: "GOOGLE_ACCESS_TOKEN"),
        format(
            "openai-project-key", .literal("sk-proj-"), .drawn(.urlSafe, 74), .literal("T3BlbkFJ"), .drawn(.urlSafe, 74),
            key: "OPENAI_API_KEY"),
        format(
            "openai-legacy-key", .literal("sk-"), .drawn(.alphanumeric, 20), .literal("T3BlbkFJ"), .drawn(.alphanumeric, 20),
            key: "OPENAI_API_KEY"),
        format("anthropic-api-key", .literal("sk-ant-api03-"), .drawn(.urlSafe, 93), .literal("AA"), key: "ANTHROPIC_API_KEY"),
        format("anthropic-admin-key", .literal("sk-ant-admin01-"), .drawn(.urlSafe, 93), .literal("AA"), key: "ANTHROPIC_ADMIN_KEY"),
        format("npm-token", .literal("npm_"), .drawn(.alphanumeric, 36), key: "NPM_TOKEN"),
        format("pypi-token", .literal("pypi-AgEIcHlwaS5vcmc"), .drawn(.urlSafe, 70), key: "PYPI_TOKEN"),
        format("rubygems-key", .literal("rubygems_"), .drawn(.hex, 48), key: "GEM_HOST_API_KEY"),
        format("clojars-token", .literal("CLOJARS_"), .drawn(.lowerAlphanumeric, 60), key: "CLOJARS_PASSWORD"),
        format("docker-hub-pat", .literal("dckr_pat_"), .drawn(.urlSafe, 27), key: "DOCKERHUB_TOKEN"),
        format("sendgrid-key", .literal("SG."), .drawn(.urlSafe, 22), .literal("."), .drawn(.urlSafe, 43), key: "SENDGRID_API_KEY"),
        format("digitalocean-pat", .literal("dop_v1_"), .drawn(.hex, 64), key: "DIGITALOCEAN_TOKEN"),
        format("digitalocean-oauth", .literal("doo_v1_"), .drawn(.hex, 64), key: "DO_OAUTH_TOKEN"),
        format("digitalocean-refresh", .literal("dor_v1_"), .drawn(.hex, 64), key: "DO_REFRESH_TOKEN"),
        format("vault-service-token", .literal("hvs."), .drawn(.urlSafe, 90), key: "VAULT_TOKEN"),
        format("vault-batch-token", .literal("hvb."), .drawn(.urlSafe, 138), key: "VAULT_TOKEN"),
        format("terraform-cloud-token", .drawn(.alphanumeric, 14), .literal(".atlasv1."), .drawn(.alphanumeric, 67), key: "TFE_TOKEN"),
        format("databricks-token", .literal("dapi"), .drawn(.hex, 32), key: "DATABRICKS_TOKEN"),
        format("huggingface-token", .literal("hf_"), .drawn(.alphanumeric, 34), key: "HF_TOKEN"),
        format("postman-key", .literal("PMAK-"), .drawn(.hex, 24), .literal("-"), .drawn(.hex, 34), key: "POSTMAN_API_KEY"),
        format("pulumi-token", .literal("pul-"), .drawn(.hex, 40), key: "PULUMI_ACCESS_TOKEN"),
        format("linear-api-key", .literal("lin_api_"), .drawn(.alphanumeric, 40), key: "LINEAR_API_KEY"),
        format("doppler-token", .literal("dp.pt."), .drawn(.alphanumeric, 43), key: "DOPPLER_TOKEN"),
        format("figma-token", .literal("figd_"), .drawn(.urlSafe, 40), key: "FIGMA_TOKEN"),
        format("notion-token", .literal("ntn_"), .drawn(.alphanumeric, 46), key: "NOTION_TOKEN"),
        format("notion-legacy-secret", .literal("secret_"), .drawn(.alphanumeric, 43), key: "NOTION_API_KEY"),
        format("square-access-token", .literal("EAAA"), .drawn(.urlSafe, 60), key: "SQUARE_ACCESS_TOKEN"),
        format("square-oauth-secret", .literal("sq0csp-"), .drawn(.urlSafe, 43), key: "SQUARE_OAUTH_SECRET"),
        format(
            "dynatrace-token", .literal("dt0c01."), .drawn(.upperAlphanumeric, 24), .literal("."), .drawn(.upperAlphanumeric, 64),
            key: "DT_API_TOKEN"),
        format("age-secret-key", .literal("AGE-SECRET-KEY-1"), .drawn(.bech32, 58), key: "SOPS_AGE_KEY"),
        format("twilio-api-key", .literal("SK"), .drawn(.hex, 32), key: "TWILIO_API_KEY"),
        format("mailgun-key", .literal("key-"), .drawn(.hex, 32), key: "MAILGUN_API_KEY"),
        format("mailchimp-key", .drawn(.hex, 32), .literal("-us21"), key: "MAILCHIMP_API_KEY"),
        format("heroku-token", .literal("HRKU-AA"), .drawn(.urlSafe, 58), key: "HEROKU_API_KEY"),
        format("jfrog-api-key", .literal("AKCp"), .drawn(.alphanumeric, 69), key: "ARTIFACTORY_API_KEY"),
        format("jfrog-identity-token", .literal("cmVmdGtuOjAxOjE3"), .drawn(.alphanumeric, 48), key: "JFROG_ACCESS_TOKEN"),
        format(
            "mapbox-secret-token", .literal("sk.eyJ1Ijoi"), .drawn(.alphanumeric, 50), .literal("."), .drawn(.urlSafe, 22),
            key: "MAPBOX_SECRET_TOKEN"),
        format("shippo-token", .literal("shippo_live_"), .drawn(.hex, 40), key: "SHIPPO_API_TOKEN"),
        format("easypost-key", .literal("EZAK"), .drawn(.alphanumeric, 54), key: "EASYPOST_API_KEY"),
        format("duffel-token", .literal("duffel_live_"), .drawn(.urlSafe, 43), key: "DUFFEL_ACCESS_TOKEN"),
        format("flutterwave-secret", .literal("FLWSECK-"), .drawn(.hex, 32), .literal("-X"), key: "FLW_SECRET_KEY"),
        format("frameio-token", .literal("fio-u-"), .drawn(.urlSafe, 64), key: "FRAMEIO_TOKEN"),
        format("prefect-key", .literal("pnu_"), .drawn(.alphanumeric, 36), key: "PREFECT_API_KEY"),
        format("readme-key", .literal("rdme_"), .drawn(.lowerAlphanumeric, 70), key: "README_API_KEY"),
        format("scalingo-token", .literal("tk-us-"), .drawn(.urlSafe, 48), key: "SCALINGO_API_TOKEN"),
        format("typeform-token", .literal("tfp_"), .drawn(.urlSafe, 44), .literal("_"), .drawn(.alphanumeric, 14), key: "TYPEFORM_TOKEN"),
        format("airtable-pat", .literal("pat"), .drawn(.alphanumeric, 14), .literal("."), .drawn(.hex, 64), key: "AIRTABLE_TOKEN"),
        format("adobe-client-secret", .literal("p8e-"), .drawn(.alphanumeric, 32), key: "ADOBE_CLIENT_SECRET"),
        format("alibaba-access-key", .literal("LTAI"), .drawn(.alphanumeric, 20), key: "ALIBABA_ACCESS_KEY_ID"),
        format("infracost-key", .literal("ico-"), .drawn(.alphanumeric, 32), key: "INFRACOST_API_KEY"),
        format("intra42-secret", .literal("s-s4t2ud-"), .drawn(.hex, 64), key: "FT_CLIENT_SECRET"),
        format(
            "harness-pat", .literal("pat."), .drawn(.urlSafe, 22), .literal("."), .drawn(.hex, 24), .literal("."),
            .drawn(.alphanumeric, 20), key: "HARNESS_API_KEY"),
        format("perplexity-key", .literal("pplx-"), .drawn(.alphanumeric, 48), key: "PERPLEXITY_API_KEY"),
        format("groq-key", .literal("gsk_"), .drawn(.alphanumeric, 52), key: "GROQ_API_KEY"),
        format("xai-key", .literal("xai-"), .drawn(.alphanumeric, 80), key: "XAI_API_KEY"),
        format("supabase-pat", .literal("sbp_"), .drawn(.hex, 40), key: "SUPABASE_ACCESS_TOKEN"),
        format("supabase-secret-key", .literal("sb_secret_"), .drawn(.urlSafe, 31), key: "SUPABASE_SECRET_KEY"),
        format("cloudflare-origin-ca", .literal("v1.0-"), .drawn(.hex, 24), .literal("-"), .drawn(.hex, 146), key: "CF_ORIGIN_CA_KEY"),
        format("azure-ad-client-secret", .drawn(.alphanumeric, 3), .literal("8Q~"), .drawn(.urlSafe, 31), key: "AZURE_CLIENT_SECRET"),
        format(
            "azure-storage-connection", .literal("DefaultEndpointsProtocol=https;AccountName=prodlogs;AccountKey="), .drawn(.base64, 86),
            .literal("=="), key: "AZURE_STORAGE_CONNECTION_STRING"),
        format(
            "discord-webhook", .literal("https://discord.com/api/webhooks/"), .drawn(.digits, 18), .literal("/"), .drawn(.urlSafe, 68),
            key: "DISCORD_WEBHOOK_URL"),
        format("facebook-access-token", .literal("EAACEdEose0cBA"), .drawn(.alphanumeric, 100), key: "FB_ACCESS_TOKEN"),
        format("octopus-deploy-key", .literal("API-"), .drawn(.upperAlphanumeric, 26), key: "OCTOPUS_API_KEY"),
        format("langsmith-key", .literal("lsv2_pt_"), .drawn(.hex, 32), .literal("_"), .drawn(.hex, 10), key: "LANGSMITH_API_KEY"),
        format(
            "private-key-block", .literal("-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA"), .drawn(.base64, 120),
            .literal("\\n-----END RSA PRIVATE KEY-----"), key: "TLS_KEY"),
        format(
            "jwt", .literal("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOi"), .drawn(.urlSafe, 60), .literal("."), .drawn(.urlSafe, 43),
            key: "ID_TOKEN"),
        format("jwt-base64", .literal("ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ0o5"), .drawn(.base64, 96), key: "JWT_B64"),
        format(
            "postgres-uri", .literal("postgresql://app:"), .drawn(.alphanumeric, 20), .literal("@db.internal:5432/orders"),
            key: "DATABASE_URL"),
        format("redis-uri-no-user", .literal("redis://:"), .drawn(.alphanumeric, 24), .literal("@cache:6379/0"), key: "REDIS_URL"),
        format("amqp-uri", .literal("amqps://svc:"), .drawn(.alphanumeric, 18), .literal("@mq.internal/vhost"), key: "AMQP_URL"),
        format(
            "mongodb-srv-uri", .literal("mongodb+srv://admin:"), .drawn(.alphanumeric, 16), .literal("@cluster0.ab1cd.mongodb.net/"),
            key: "MONGO_URL"),
    ]

    /// Formats with no prefix of their own, found only beside their key (gitleaks' keyword rules:
    /// 32 hex characters are a Datadog key only next to the word datadog).
    static let keyedFormats: [Format] = [
        keyed("datadog-api-key", .drawn(.hex, 32), key: "DD_API_KEY"),
        keyed("datadog-app-key", .drawn(.hex, 40), key: "DD_APP_KEY"),
        keyed(
            "heroku-legacy-key", .drawn(.hex, 8), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4), .literal("-"),
            .drawn(.hex, 4), .literal("-"), .drawn(.hex, 12), key: "HEROKU_API_KEY"),
        keyed("cloudflare-api-token", .drawn(.urlSafe, 40), key: "CLOUDFLARE_API_TOKEN"),
        keyed("cloudflare-global-key", .drawn(.hex, 37), key: "CF_API_KEY"),
        keyed("aws-secret-access-key", .drawn(.base64, 40), key: "AWS_SECRET_ACCESS_KEY"),
        keyed("aws-session-token", .literal("IQoJb3JpZ2luX2Vj"), .drawn(.base64, 300), key: "AWS_SESSION_TOKEN"),
        keyed("azure-devops-pat", .drawn(.lowerAlphanumeric, 52), key: "AZURE_DEVOPS_EXT_PAT"),
        keyed("okta-api-token", .literal("00"), .drawn(.urlSafe, 40), key: "OKTA_API_TOKEN"),
        keyed("asana-pat", .literal("1/"), .drawn(.digits, 16), .literal(":"), .drawn(.hex, 32), key: "ASANA_ACCESS_TOKEN"),
        keyed("algolia-admin-key", .drawn(.hex, 32), key: "ALGOLIA_ADMIN_KEY"),
        keyed("bitbucket-app-password", .literal("ATBB"), .drawn(.alphanumeric, 32), key: "BITBUCKET_APP_PASSWORD"),
        keyed("circleci-token", .literal("CCIPAT_"), .drawn(.alphanumeric, 22), .literal("_"), .drawn(.hex, 40), key: "CIRCLE_TOKEN"),
        keyed(
            "codecov-token", .drawn(.hex, 8), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4), .literal("-"),
            .drawn(.hex, 4), .literal("-"), .drawn(.hex, 12), key: "CODECOV_TOKEN"),
        keyed("confluent-secret", .drawn(.alphanumeric, 64), key: "CONFLUENT_SECRET"),
        keyed("contentful-token", .drawn(.urlSafe, 43), key: "CONTENTFUL_ACCESS_TOKEN"),
        keyed("fastly-api-token", .drawn(.urlSafe, 32), key: "FASTLY_API_TOKEN"),
        keyed(
            "launchdarkly-key", .literal("api-"), .drawn(.hex, 8), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4),
            .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 12), key: "LAUNCHDARKLY_ACCESS_TOKEN"),
        keyed("pagerduty-key", .drawn(.urlSafe, 20), key: "PAGERDUTY_API_KEY"),
        keyed(
            "opsgenie-key", .drawn(.hex, 8), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4),
            .literal("-"), .drawn(.hex, 12), key: "OPSGENIE_API_KEY"),
        keyed("twilio-auth-token", .drawn(.hex, 32), key: "TWILIO_AUTH_TOKEN"),
        keyed("mailjet-secret", .drawn(.hex, 32), key: "MAILJET_SECRET_KEY"),
        keyed("zendesk-token", .drawn(.alphanumeric, 40), key: "ZENDESK_API_TOKEN"),
        keyed(
            "hubspot-key", .drawn(.hex, 8), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4),
            .literal("-"), .drawn(.hex, 12), key: "HUBSPOT_API_KEY"),
        keyed(
            "snyk-token", .drawn(.hex, 8), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4), .literal("-"), .drawn(.hex, 4),
            .literal("-"), .drawn(.hex, 12), key: "SNYK_TOKEN"),
        keyed("sonar-token", .literal("squ_"), .drawn(.hex, 40), key: "SONAR_TOKEN"),
        keyed("travis-token", .drawn(.urlSafe, 22), key: "TRAVIS_API_TOKEN"),
        keyed("netlify-token", .drawn(.urlSafe, 43), key: "NETLIFY_AUTH_TOKEN"),
        keyed("vercel-token", .drawn(.alphanumeric, 24), key: "VERCEL_TOKEN"),
        keyed("rabbitmq-password", .drawn(.alphanumeric, 18), key: "RABBITMQ_DEFAULT_PASS"),
        keyed("postgres-password", .drawn(.alphanumeric, 16), key: "POSTGRES_PASSWORD"),
        keyed("mysql-root-password", .drawn(.alphanumeric, 16), key: "MYSQL_ROOT_PASSWORD"),
        keyed("redis-password", .drawn(.alphanumeric, 20), key: "REDIS_PASSWORD"),
        keyed("django-secret-key", .drawn(.urlSafe, 50), key: "DJANGO_SECRET_KEY"),
        keyed("rails-secret-key-base", .drawn(.hex, 128), key: "SECRET_KEY_BASE"),
        keyed("jwt-signing-secret", .drawn(.base64, 44), key: "JWT_SECRET"),
        keyed("session-secret", .drawn(.hex, 64), key: "SESSION_SECRET"),
        keyed("encryption-key", .drawn(.base64, 44), key: "ENCRYPTION_KEY"),
        keyed("oauth-client-secret", .drawn(.urlSafe, 40), key: "OAUTH_CLIENT_SECRET"),
        keyed("webhook-signing-secret", .drawn(.hex, 40), key: "WEBHOOK_SIGNING_SECRET"),
        keyed("ldap-bind-password", .drawn(.alphanumeric, 14), key: "LDAP_BIND_PASSWORD"),
        keyed("smtp-password", .drawn(.alphanumeric, 16), key: "SMTP_PASSWORD"),
        keyed("grafana-admin-password", .drawn(.alphanumeric, 16), key: "GF_SECURITY_ADMIN_PASSWORD"),
        keyed("minio-secret", .drawn(.alphanumeric, 40), key: "MINIO_SECRET_KEY"),
        keyed("keycloak-client-secret", .drawn(.alphanumeric, 32), key: "KC_CLIENT_SECRET"),
    ]

    /// The places a secret of `format` is carried, as logs and command output show them: alone
    /// in a message (for formats recognizable alone), and under its key as an environment
    /// variable, `docker run -e`, JSON, YAML, a camelCase property and an HTTP header.
    static func places(of format: Format, secret: String) -> [String] {
        let key = format.key
        let camel = key.lowercased().split(separator: "_").enumerated()
            .map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
        var lines = [
            "\(key)=\(secret)",
            "[2026-10-01 08:00:00 UTC] INFO starting with env \(key)=\(secret) PATH=/usr/local/bin",
            "docker run -d -e \(key)=\(secret) --name api registry.internal/api:1.4",
            #"{"level":"debug","msg":"config loaded","\#(key.lowercased())":"\#(secret)","port":8080}"#,
            "      \(key.lowercased()): \"\(secret)\"",
            "\(camel)=\(secret)",
        ]
        if format.standalone {
            lines += [
                "2026-10-01T08:00:03Z ERROR upstream rejected credential \(secret) (401)",
                "Authorization: Bearer \(secret)",
                "curl -s -H 'X-Api-Key: \(secret)' https://api.internal/v1/health",
            ]
        }
        return lines
    }

    /// Whether `output` still holds any 10 characters in a row of a drawn part of a secret (all
    /// of a shorter part).
    static func leaks(_ drawn: [String], in output: String) -> Bool {
        drawn.contains { part in
            let characters = Array(part)
            let width = min(10, characters.count)
            return (0...(characters.count - width)).contains { output.contains(String(characters[$0..<($0 + width)])) }
        }
    }

    /// Text that looks like a secret to a careless rule and is not one: what stays, unchanged.
    static let lookalikes: [String] = [
        // Paths, names and references, under keys that name a secret.
        "PWD=/var/lib/postgresql/data", "OLDPWD=/home/deploy", "Using secret: db-creds", "secretName: db-credentials",
        "secretKeyRef: {name: api-secrets, key: stripe}", "password_file=/run/secrets/db_password", "--password-file /run/secrets/db",
        "TOKEN_PATH=/var/run/secrets/kubernetes.io/serviceaccount/token", "KEY_FILE=/etc/ssl/private/server.key",
        "GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json", "SSH_AUTH_SOCK=/tmp/ssh-XXXX/agent.1234",
        "AWS_PROFILE=production", "AWS_DEFAULT_REGION=eu-west-1", "token_endpoint=https://auth.example.com/oauth/token",
        "auth_method=oidc", "session.timeout.ms=45000", "session_timeout=30m", "cookie_domain=.example.com",
        "secret_store=vault", "credential_helper=ecr-login", "keyring_backend=file",
        // Counters, flags and sizes.
        "token_count=3", "max_tokens=4096", "tokens_used=1532", "password_min_length=12", "auth=true", "session=active",
        "secret_rotation_days=90", "key_size=2048", "api_key_present=false", "credentials: default", "password_reset_sent=1",
        // Placeholders and references that fill in the value later.
        "password: ${DB_PASSWORD}", "DB_PASSWORD=$DB_PASSWORD", "api_key: <your key>", "password=xxxxxxxx", "token: changeme",
        "password: EXAMPLE", "AWS_SECRET_ACCESS_KEY=YOUR_SECRET_ACCESS_KEY", "SECRET_KEY=<redacted>", "token: '{{ .Values.token }}'",
        "password: ********", "api_key=REPLACE_ME", "client_secret: \"\"", "password: null", "token=None",
        // Identifiers and hashes that logs are full of.
        "request_id=4f2a9c1d-8b7e-4c3a-9f1e-2d6b8a0c4e71", "trace_id=0af7651916cd43dd8448eb211c80319c span_id=b7ad6b7169203331",
        "image: registry.internal/api@sha256:9b2c4e6f8a0d1c3e5f7a9b1d3f5e7c9a0b2d4f6e8a1c3e5f7b9d1f3a5c7e9b0d",
        "commit 3f9a2c1d7e5b4a6c8d0e2f4a6b8c0d2e4f6a8b0c (HEAD -> main)", "build 2026.10.01-4f2a9c1 deployed",
        "etag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"", "fingerprint fp-orders-db-oom-7c3e",
        "container 7c3e9a1f2b4d restarted (OOMKilled)", "node-14 uid=1000(app) gid=1000(app)",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        "checksum=sha512-Q2VydGlmaWNhdGUgZm9yIHRlc3Rpbmcgb25seQ==", "uuid=123e4567-e89b-12d3-a456-426614174000",
        // Words a rule could take for a token.
        "GET https://xoxo-gifts.example.com/cart 200", "tokenizer loaded in 120ms", "the password policy changed",
        "secret: my-app-secret", "cache key=orders:123", "keyspace=orders replication_factor=3",
        "Passwords must rotate every 90 days.", "skipping session cleanup: nothing to do", "Sentry DSN configured",
        "AKIA is the prefix of long-term AWS keys", "ghp_ tokens are rejected by this endpoint", "sk_live_ keys are never logged",
        "Authorization header missing", "Authorization: Bearer", "WWW-Authenticate: Bearer realm=\"api\"",
        "mysql -u root -p -h db.internal", "curl -u ana https://api.internal", "docker login registry.example.com",
        "redis-cli -h cache -p 6379 ping", "postgresql://db.internal:5432/orders", "https://user@example.com/repo.git",
        "machine api.example.com login ana", "-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----",
        "eyJ alone", "AIza is a Google prefix", "npm_config_cache=/tmp/.npm", "hf_transfer enabled",
        "SG.orders replication lag 3s", "dapi client initialized", "pat.orders-queue depth 12",
    ]
}
