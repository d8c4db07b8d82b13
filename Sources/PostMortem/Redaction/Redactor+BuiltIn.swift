extension Redactor {
    /// One built-in rule, with the examples the test suite runs it on.
    ///
    /// In `redacts`, `«` and `»` mark the secret: the text without them must lose what lies
    /// between them and keep the rest. `keeps` must come out unchanged, from every rule.
    struct BuiltInRule {
        var name: String
        /// The family the README lists it under.
        var family: Family
        /// A PCRE2 pattern (Perl syntax).
        var pattern: String
        /// Lower-case words of which every match holds one (``TriggerWords``).
        var triggers: [String]
        /// Replace only this group's text, keeping the rest of the match (a key, a scheme word).
        var secretGroup: Int? = nil
        /// With ``secretGroup``: the key it is assigned to, checked by ``SecretShape``.
        var keyGroup: Int? = nil
        /// Whether a match may span more than two lines.
        var multiline = false
        var redacts: [String]
        var keeps: [String] = []
    }

    enum Family: String, CaseIterable {
        case keys = "private keys"
        case uris = "credentials in URIs"
        case headers = "HTTP headers"
        case tokens = "provider tokens"
        case commandLines = "command lines"
        case assignments = "assignments"
    }

    /// The built-in rules, in the order they apply: whole secrets first (a private key, a URI,
    /// a header), so that a rule for a part never sees them; the generic assignment last. None
    /// matches its own replacement, so redacting twice changes nothing and counts nothing more.
    static let builtInTable: [BuiltInRule] = [
        // MARK: Private keys
        BuiltInRule(
            name: "private-key", family: .keys,
            pattern: #"-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----"#,
            triggers: ["private key"], multiline: true,
            redacts: [
                "«-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----»",
                #"{"private_key": "«-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----»\n"}"#,
                "«-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----»",
                "«-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----»",
            ],
            keeps: ["-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----", "the private key is rotated monthly"]),
        // A key block cut by the logs' first line or by their end: the part that is there goes.
        BuiltInRule(
            name: "private-key-part", family: .keys,
            pattern:
                #"(?m)(?:^[ \t]*[A-Za-z0-9+/=]{16,}[ \t]*\r?\n)+[ \t]*-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----|-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----(?![\s\S]*?-----END[A-Z0-9 ]* PRIVATE KEY)[\s\S]*"#,
            triggers: ["private key"], multiline: true,
            redacts: [
                "«MIIEpAIBAAKCAQEAx4Ls\nQ2VydGlmaWNhdGUgZm9v\n-----END RSA PRIVATE KEY-----»\nINFO next",
                "INFO before\n«-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA»",
            ],
            keeps: ["INFO -----END RSA PRIVATE KEY----- seen in a message"]),
        BuiltInRule(
            name: "age-secret-key", family: .keys,
            pattern: #"\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b"#, triggers: ["age-secret-key-1"],
            redacts: ["key: «AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ»"]),

        // MARK: Credentials in URIs
        BuiltInRule(
            name: "url-credentials", family: .uris,
            pattern: #"\b[a-zA-Z][a-zA-Z0-9+.\-]*://((?!\[REDACTED:)[^\s/:@"'<>]*:[^\s/@"'<>]+)@"#,
            triggers: ["://"], secretGroup: 1,
            redacts: [
                "postgresql://«report:s3cr3t»@db:5432/x", "redis://«:p4ssw0rd»@cache:6379/0", "amqp://«guest:guest»@rabbit/",
                "mongodb+srv://«app:Xy9%40z»@cluster0.example.net/db", "https://«user:token123»@git.example.com/repo.git",
            ],
            keeps: ["https://example.com/path?x=1", "http://[::1]:8080/health", "postgresql://db:5432/app", "user@example.com"]),

        // MARK: HTTP headers
        BuiltInRule(
            name: "authorization-header", family: .headers,
            pattern:
                #"(?i)\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*(?:\r?\n[ \t]*)?["']?(?:(?:bearer|basic|token|digest|negotiate|ntlm|aws4-hmac-sha256|api-?token|apikey|key|sso-key|splunk|gensecauth|dsn|[a-z][a-z0-9_\-]*)[ \t]+)?(?!(?:bearer|basic|token|digest|negotiate|ntlm)[ \t]*(?:$|[\r\n"',;]))((?!\[REDACTED:)[^\s"',;]++)(?![ \t]+\[REDACTED:)"#,
            triggers: ["authorization"], secretGroup: 1,
            redacts: [
                "Authorization: Bearer «abc.def.ghi»", "proxy-authorization=Basic «dXNlcjpwYXNz»",
                "Authorization: Api-Token «22cb98a1f0e44d7b9c3a»", "authorization: «rawtoken123456»",
                #"{"Authorization": "Token «9944b09199c62bcf9418ad846dd0e4bb»"}"#,
                "Authorization: AWS4-HMAC-SHA256 «Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request»",
            ],
            keeps: ["authorization failed for user ana", "Authorization required", "Authorization: Bearer", #"{"Authorization": "Basic"}"#]),
        BuiltInRule(
            name: "cookie-header", family: .headers,
            pattern: #"(?im)\b(?:set-)?cookie[ \t]*:[ \t]*((?!\[REDACTED:)[^\s][^\r\n]*)"#,
            triggers: ["cookie"], secretGroup: 1,
            redacts: ["Cookie: «session=8f3a9c; csrftoken=abc123»", "Set-Cookie: «sid=s%3AJ9x; Path=/; HttpOnly»"],
            keeps: ["cookie consent banner shown", "cookies: 3 set"]),
        BuiltInRule(
            name: "bearer-token", family: .headers,
            pattern: #"(?i)\bbearer[ \t]+((?!\[REDACTED:)[A-Za-z0-9\-._~+/]{8,}=*)"#, triggers: ["bearer"], secretGroup: 1,
            redacts: ["curl -H 'x' bearer «0123456789abcdefXYZ»", "-H \"Bearer «ya29.a0AfH6SMBx»\""],
            keeps: ["bearer auth is disabled", "bearer short"]),

        // MARK: Provider tokens
        BuiltInRule(
            name: "jwt", family: .tokens,
            pattern: #"\beyJ[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]*"#, triggers: ["eyj"],
            redacts: ["token «eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nature_»"], keeps: ["eyJ alone"]),
        BuiltInRule(
            name: "jwt-base64", family: .tokens,
            pattern: #"\bZXlK[A-Za-z0-9+/]{40,}={0,2}"#, triggers: ["zxlk"],
            redacts: ["«ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUl4SW4wLnNpZw==»"]),
        BuiltInRule(
            name: "aws-access-key-id", family: .tokens,
            pattern: #"\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b"#,
            triggers: ["a3t", "akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "apka"],
            redacts: ["key «AKIAIOSFODNN7EXAMPLE» used", "«ASIAY34FZKBOKMUTVV7A»", "«ABIA0123456789ABCDEF»", "«ACCAZZZZZZZZZZZZZZZZ»"],
            keeps: ["AKIA is a prefix", "AKIAshort"]),
        BuiltInRule(
            name: "aws-bedrock-api-key", family: .tokens,
            pattern: #"\bABSK[A-Za-z0-9+/]{40,}={0,2}"#, triggers: ["absk"],
            redacts: ["«ABSKQmVkcm9ja0FQSUtleS1hYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=»"]),
        BuiltInRule(
            name: "github-token", family: .tokens,
            pattern: #"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"#,
            triggers: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
            redacts: ["«ghp_0123456789abcdefghijABCDEFGHIJ012345»", "«github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz»"]),
        BuiltInRule(
            name: "gitlab-token", family: .tokens,
            pattern:
                #"\b(?:gl(?:pat|ptt|dt|rt|soat|ffct|oas|imt|ft|agent|wt)-[0-9A-Za-z_\-]{20,}|glcbt-[0-9a-fA-F]{1,5}_[0-9A-Za-z_\-]{20,}|GR1348941[0-9A-Za-z_\-]{20,})"#,
            triggers: [
                "glpat-", "glptt-", "gldt-", "glrt-", "glsoat-", "glffct-", "gloas-", "glimt-", "glft-", "glagent-", "glwt-", "glcbt-",
                "gr1348941",
            ],
            redacts: [
                "PRIVATE-TOKEN: «glpat-xxxxxxxxxxxxxxxxxxxx»", "«glcbt-1a2b_abcdefghijABCDEFGHIJ0123»", "«glrt-t1_abcdefghijklmnopqrstu»",
            ],
            keeps: ["glpat- prefix", "glibc-2.36-x86_64-linux-gnu-tools"]),
        BuiltInRule(
            name: "slack-token", family: .tokens,
            pattern:
                #"\b(?:xox[abposrce]-[0-9A-Za-z\-]{10,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+|(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_\-]+)"#,
            triggers: ["xox", "xapp-", "hooks.slack.com"],
            redacts: [
                "slack «xoxb-1234567890-abcdefghij»", "«xapp-1-A0123456789-1234567890123-abcdef0123456789»",
                "posting to «hooks.slack.com/services/T000/B000/XXXXXXXX»",
                "«https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX»",
            ],
            keeps: ["https://example.com/xoxo-tour", "hugs and xoxo"]),
        BuiltInRule(
            name: "stripe-key", family: .tokens,
            pattern: #"\b(?:[rs]k_(?:live|test)_[0-9A-Za-z]{16,}|whsec_[0-9A-Za-z]{24,})"#,
            triggers: ["sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_"],
            redacts: ["STRIPE_SECRET_KEY=«sk_live_4eC39HqLyjWDarjtT1zdp7dc»", "«whsec_0123456789abcdefghijklmnop»"],
            keeps: ["pk_live_4eC39HqLyjWDarjtT1zdp7dc is publishable"]),
        BuiltInRule(
            name: "sentry-token", family: .tokens,
            pattern: #"\b(?:sntrys_[A-Za-z0-9+/=_\-]{20,}|sntryu_[a-f0-9]{64})"#, triggers: ["sntrys_", "sntryu_"],
            redacts: ["«sntrys_eyJpYXQiOjE2ODAwMDAwMDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8ifQ»"]),
        BuiltInRule(
            name: "shopify-token", family: .tokens,
            pattern: #"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b"#, triggers: ["shpat_", "shpca_", "shppa_", "shpss_"],
            redacts: ["«shpat_0123456789abcdef0123456789abcdef»"]),
        BuiltInRule(
            name: "newrelic-key", family: .tokens,
            pattern: #"\b(?:NRJS-[a-f0-9]{19}|NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_\-]{32})\b"#, triggers: ["nrjs-", "nrak-", "nrii-"],
            redacts: ["«NRJS-0123456789abcdef012»", "«NRAK-ABCDEFGHIJKLMNOPQRSTUVWXYZ0»"]),
        BuiltInRule(
            name: "planetscale-token", family: .tokens,
            pattern: #"\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\-.=]{32,64}"#, triggers: ["pscale_"],
            redacts: ["«pscale_tkn_abcdefghijklmnopqrstuvwxyz0123456789AB»"]),
        BuiltInRule(
            name: "grafana-token", family: .tokens,
            pattern: #"\b(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9+/]{30,}={0,2})"#,
            triggers: ["glc_", "glsa_", "eyjrijoi"],
            redacts: [
                "«eyJrIjoiT0tTcG1pUlY2RnVKZTFVaDFsNFZXdE9ZWmNrMkZYbk4iLCJuIjoib3BzIiwiaWQiOjF9»",
                "«glc_eyJvIjoiMTIzNDU2IiwibiI6InN0YWNrLTEyMzQ1Ni1obSJ9»", "«glsa_abcdefghijklmnopqrstuvwxyz012345_0a1b2c3d»",
            ]),
        BuiltInRule(
            name: "fly-token", family: .tokens,
            pattern: #"(?:\b(?:FlyV1 )?fm\d_[A-Za-z0-9+/=,_\-]{40,}|\bfo1_[\w\-]{40,})"#, triggers: ["fm1_", "fm2_", "fo1_"],
            redacts: [
                "deploy token «fm2_lJPECAAAAAAAAMSxxYzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5»",
                "FLY_API_TOKEN=«FlyV1 fm2_lJPECAAAAAAAAMSxxYzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5»",
            ]),
        BuiltInRule(
            name: "atlassian-token", family: .tokens,
            pattern: #"\bAT(?:ATT|CTT)3[A-Za-z0-9_\-=]{50,}"#, triggers: ["atatt3", "atctt3"],
            redacts: ["«ATATT3xFfGF0abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ=0A1B2C3D»"]),
        BuiltInRule(
            name: "telegram-bot-token", family: .tokens,
            pattern: #"(?<![0-9])\d{8,10}:AA[0-9A-Za-z_\-]{33}\b"#, triggers: [":aa"],
            redacts: ["https://api.telegram.org/bot«123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1»/sendMessage"]),
        BuiltInRule(
            name: "google-api-key", family: .tokens,
            pattern: #"\bAIza[0-9A-Za-z_\-]{35}\b"#, triggers: ["aiza"],
            redacts: ["key=«AIzaSyD-abcdefghijklmnopqrstuvwxyz01234»"]),
        BuiltInRule(
            name: "openai-key", family: .tokens,
            pattern:
                #"\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}|\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_\-]{40,}"#,
            triggers: ["t3blbkfj", "sk-ant-"],
            redacts: [
                "«sk-proj-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst»",
                "«sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ»",
            ]),
        BuiltInRule(
            name: "package-registry-token", family: .tokens,
            pattern: #"\b(?:npm_[A-Za-z0-9]{36}|pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{40,})"#, triggers: ["npm_", "pypi-ageichlwas5vcmc"],
            redacts: ["//registry.npmjs.org/:_authToken=«npm_abcdefghijklmnopqrstuvwxyz0123456789»"]),
        BuiltInRule(
            name: "sendgrid-key", family: .tokens,
            pattern: #"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}\b"#, triggers: ["sg."],
            redacts: ["«SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG»"]),
        BuiltInRule(
            name: "digitalocean-token", family: .tokens,
            pattern: #"\bdo[opr]_v1_[a-f0-9]{64}\b"#, triggers: ["dop_v1_", "doo_v1_", "dor_v1_"],
            redacts: ["«dop_v1_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef»"]),
        BuiltInRule(
            name: "vault-token", family: .tokens,
            pattern: #"\b(?:hv[sb]\.[A-Za-z0-9_\-]{24,}|[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9\-_=]{60,70})"#,
            triggers: ["hvs.", "hvb.", ".atlasv1."],
            redacts: ["VAULT_TOKEN=«hvs.CAESIJlWh0abcdefghijklmnopqrst»"]),
        BuiltInRule(
            name: "databricks-token", family: .tokens,
            pattern: #"\bdapi[a-f0-9]{32}(?:-\d)?\b"#, triggers: ["dapi"], redacts: ["«dapi0123456789abcdef0123456789abcdef»"]),
        BuiltInRule(
            name: "huggingface-token", family: .tokens,
            pattern: #"\bhf_[A-Za-z0-9]{34,}\b"#, triggers: ["hf_"], redacts: ["«hf_abcdefghijklmnopqrstuvwxyzABCDEFGH»"]),
        BuiltInRule(
            name: "google-oauth", family: .tokens,
            pattern: #"\b(?:GOCSPX-[A-Za-z0-9_\-]{28}|ya29\.[A-Za-z0-9_\-]{30,})"#, triggers: ["gocspx-", "ya29."],
            redacts: ["client_secret «GOCSPX-abcdefghijklmnopqrstuvwxyz01»", "«ya29.a0AfH6SMBxabcdefghijklmnopqrstuvwxyz0123»"]),
        BuiltInRule(
            name: "twilio-api-key", family: .tokens,
            pattern: #"\bSK[0-9a-fA-F]{32}\b"#, triggers: ["sk"],
            redacts: ["«SK0123456789abcdef0123456789abcdef»"], keeps: ["disk sk0123 task"]),
        BuiltInRule(
            name: "mail-provider-key", family: .tokens,
            pattern: #"\b(?:key-[0-9a-f]{32}|[0-9a-f]{32}-us\d{1,2})\b"#, triggers: ["key-", "-us"],
            redacts: ["mailgun «key-0123456789abcdef0123456789abcdef»", "mailchimp «0123456789abcdef0123456789abcdef-us21»"],
            keeps: ["key-value store", "locale en-us"]),
        BuiltInRule(
            name: "azure-client-secret", family: .tokens,
            pattern: #"(?<![A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}(?![A-Za-z0-9_~.\-])"#, triggers: ["q~"],
            redacts: ["AZURE_CLIENT_SECRET «abc8Q~abcdefghijklmnopqrstuvwxyz01234»"]),
        // Prefixes that providers document for their tokens (gitleaks', trufflehog's and
        // detect-secrets' rules cover the same ones), each with the length it is issued at.
        BuiltInRule(
            name: "other-provider-token", family: .tokens,
            pattern:
                #"\b(?:PMAK-[a-f0-9]{24}-[a-f0-9]{34}|pul-[a-f0-9]{40}|lin_api_[A-Za-z0-9]{40}|dp\.pt\.[A-Za-z0-9]{43}|figd_[A-Za-z0-9_\-]{40}|ntn_[A-Za-z0-9]{40,}|secret_[A-Za-z0-9]{43}\b|sq0(?:atp|csp)-[A-Za-z0-9_\-]{22,43}|EAAA[A-Za-z0-9_\-]{60,}|dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}|rubygems_[a-f0-9]{48}|CLOJARS_[a-z0-9]{60}|dckr_pat_[A-Za-z0-9_\-]{27,}|HRKU-[A-Za-z0-9_\-]{58,}|AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAx[A-Za-z0-9+/=]{40,}|sk\.eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]{20,}|shippo_(?:live|test)_[a-f0-9]{40}|EZ[AT]K[A-Za-z0-9]{54}|duffel_(?:live|test)_[A-Za-z0-9_\-=]{43}|FLWSECK(?:_TEST)?-[a-f0-9]{32}-X|fio-u-[A-Za-z0-9_\-=]{64}|pnu_[A-Za-z0-9]{36}|rdme_[a-z0-9]{70}|tk-us-[A-Za-z0-9_\-]{48}|tfp_[A-Za-z0-9_\-.=]{40,}|p8e-[A-Za-z0-9]{32}|LTAI[A-Za-z0-9]{20}|ico-[A-Za-z0-9]{32}|s-s4t2(?:ud|af)-[a-f0-9]{64}|pat\.[A-Za-z0-9_\-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}|pplx-[A-Za-z0-9]{48}|gsk_[A-Za-z0-9]{52}|xai-[A-Za-z0-9]{80}|sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_\-]{31}|v1\.0-[a-f0-9]{24}-[a-f0-9]{146}|EAACEdEose0cBA[A-Za-z0-9]+|API-[A-Z0-9]{26}\b|lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}|(?:discord(?:app)?\.com)/api/webhooks/\d+/[A-Za-z0-9_\-]{60,})"#,
            triggers: [
                "pmak-", "pul-", "lin_api_", "dp.pt.", "figd_", "ntn_", "secret_", "sq0atp-", "sq0csp-", "eaaa", "dt0c01.", "rubygems_",
                "clojars_", "dckr_pat_", "hrku-", "akcp", "cmvmdgtuojax", "sk.eyj", "shippo_", "ezak", "eztk", "duffel_", "flwseck",
                "fio-u-", "pnu_", "rdme_", "tk-us-", "tfp_", "p8e-", "ltai", "ico-", "s-s4t2", "pat.", "pplx-", "gsk_", "xai-", "sbp_",
                "sb_secret_", "v1.0-", "eaacedeose0cba", "api-", "lsv2_", "/api/webhooks/",
            ],
            redacts: [
                "«lin_api_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN»", "«pul-0123456789abcdef0123456789abcdef01234567»",
                "«dckr_pat_abcdefghijklmnopqrstuvwxyz0»", "«gsk_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ»",
                "«sbp_0123456789abcdef0123456789abcdef01234567»",
                "https://«discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab»",
            ],
            keeps: ["pat.orders-queue depth 12", "API-GATEWAY timeout", "secret_rotation_days=90", "the api-gateway restarted"]),

        // MARK: Command lines
        BuiltInRule(
            name: "cli-password", family: .commandLines,
            pattern:
                #"(?i)\b(?|(?:mysql(?:dump|admin)?|mariadb)\b[^\n]*?[ \t]-p((?!\[REDACTED:)[^\s'"-][^\s'"]*)|redis-cli\b[^\n]*?[ \t]-a[ \t]+((?!\[REDACTED:)[^\s'"]+)|(?:curl|wget)\b[^\n]*?[ \t](?:-u|--user)[ \t=]+[^:\s'"]*:((?!\[REDACTED:)[^\s'"]+)|docker[ \t]+login\b[^\n]*?[ \t](?:-p|--password)[ \t=]+((?!\[REDACTED:)[^\s'"]+)|sshpass[ \t]+-p[ \t]*((?!\[REDACTED:)[^\s'"]+))"#,
            triggers: ["mysql", "mariadb", "redis-cli", "curl", "wget", "docker", "sshpass"], secretGroup: 1,
            redacts: [
                "mysql -u root -p«S3cret» -h db", "redis-cli -h cache -a «p4ss» ping", "curl -u ana:«hunter2» https://x",
                "docker login -u ci -p «dckr_pat_abc123» registry", "sshpass -p «hunter2» ssh host",
            ],
            keeps: ["mysql -u root -p -h db", "curl -u ana https://x", "docker login registry.example.com"]),
        BuiltInRule(
            name: "netrc", family: .commandLines,
            pattern: #"(?i)\bmachine[ \t]+\S+[ \t]+login[ \t]+\S+[ \t]+password[ \t]+((?!\[REDACTED:)\S+)"#, triggers: ["machine"],
            secretGroup: 1,
            redacts: ["machine api.example.com login ana password «hunter2»"]),

        // MARK: Assignments
        BuiltInRule(
            name: "secret-pair", family: .assignments,
            pattern:
                #"(?i)(?<![A-Za-z0-9])(?|(--?[a-z0-9_\-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api-?key|(?:access|account|auth|private|master|signing|encryption|client|secret)-?key|credentials?|session(?:-?id)?|cookie|auth)[a-z0-9_\-]*)(?:=|[ \t]+)|(["']?[A-Za-z0-9_.\-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_\-.]?key|(?:access|account|auth|private|master|signing|encryption|client|secret)[_\-.]?key|credentials?|session(?:[_\-.]?id)?|cookie|auth|(?<=[_\-.])(?:key|pat)(?![A-Za-z0-9])|(?-i:(?<=[a-z])Key)(?![A-Za-z0-9]))[A-Za-z0-9_.\-]*["']?)[ \t]*(?:=>|:=|[:=])[ \t]*(?:\r?\n[ \t]*)?)(?!\[REDACTED:)(?|"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s"',;&}\])]+))"#,
            triggers: ["pass", "pwd", "secret", "token", "key", "credential", "session", "cookie", "auth", "_pat", "-pat", ".pat"],
            secretGroup: 2, keyGroup: 1,
            redacts: [
                "password=«hunter2» user=x", #"{"api_key": "«abc123XYZ789»", "user": "x"}"#, "PASSWD: '«quoted value»'",
                "DB_PASSWORD=«s3cr3t»", "docker run -e POSTGRES_PASSWORD=«Sup3rS3cret» postgres", "PGPASSWORD=«pg-pw» psql",
                "MYSQL_ROOT_PASSWORD=«rootpw»", "NPM_TOKEN=«0a1b2c3d4e5f6a7b8c9d»", "SECRET_KEY_BASE=«9f8e7d6c5b4a39281706f5e4d3c2b1a0»",
                "AWS_SESSION_TOKEN=«IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ»",
                "AWS_SECRET_ACCESS_KEY=«wJalrXUtnFEMI/K7MDENG/bPxRfiCY»", "accessToken=«a1b2c3d4e5f6g7h8»",
                "  DB_PASSWORD: «cGFzc3dvcmQxMjM=»", #""Env": ["PATH=/usr/bin", "DB_PASSWORD=«s3cr3t!»"]"#,
                "--password «hunter2» --user ana", "--api-key=«0123abcdEFGH»", "client_secret => «Zx8vQ2mN4pL6»",
                "x-auth-token: «f3a9b2c1d4e5f6a7»", "session_id=«8f3a9c2b1d4e5f6a»", "private_key_password: «pw»",
                "aws_secret_access_key = «wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY»",
                "DD_APP_KEY=«9d80411cfb35a0d953381558be4f84e4311c7153»", "algoliaAdminKey: «a703cade5c70bc9ab8308696eaf9282b»",
                "AZURE_DEVOPS_EXT_PAT=«xwtfx9uu5b61x9a0u63bo3i8qvs62rcz3rjsytykw3aqy9ulr22r»",
                "AccountName=logs;AccountKey=«/KVmxx/W+d3MvBSRdN0w9seoLaGACaRu28bFjB2x6Pktfy==»",
            ],
            keeps: [
                "PWD=/var/lib/postgresql/data", "OLDPWD=/home/ana", "token_count=3", "Using secret: db-creds",
                "password: ${DB_PASSWORD}", "api_key: <your key>", "password=xxxxxxxx", "token: changeme",
                "the password policy changed", "tokenizer loaded", "secret: my-app-secret", "session=active",
                "cache key=orders:123", "auth=true", "password: EXAMPLE", "max_tokens=4096", "credentials: default",
                "secretName: db-credentials", "--password-file /run/secrets/db", "api_key: [REDACTED:secret-pair]",
                "cache_key=orders:123", "partition_key=tenant_42", "sortKey: createdAt2026", "DD_SITE_KEY=datadoghq.eu", "path=/api/v1",
                "IMAGE_PATH=/srv/app", "pat=3",
            ]),
    ]

    /// The built-in rules.
    public static var builtInRules: [RedactionRule] {
        builtInTable.compactMap {
            try? RedactionRule(
                name: $0.name, pattern: $0.pattern, replacement: nil, triggers: $0.triggers, withinLines: !$0.multiline,
                secretGroup: $0.secretGroup, keyGroup: $0.keyGroup)
        }
    }

    /// The built-in rules.
    public static let standard = Redactor(rules: builtInRules)
}
