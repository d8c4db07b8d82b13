/// A standalone, self-contained HTML page.
///
/// The page has a doctype, UTF-8 charset, an escaped title, inline CSS for headings, tables,
/// code, metadata and charts, and a Content-Security-Policy that forbids scripts and every
/// external asset. The body is HTML the caller built from escaped parts.
public enum HTMLPage {
    /// A complete page around `body`.
    public static func document(title: String, language: String = "en", body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escape(language))">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// Escapes text for an HTML text node or a double-quoted attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let style = """
        body{margin:0;background:#f6f7f9;color:#1f2328;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        main{max-width:60rem;margin:2rem auto;padding:2rem 2.5rem;background:#fff;border:1px solid #d8dee4;border-radius:8px}
        h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .6em}
        h1{font-size:1.9rem;margin-top:0;padding-bottom:.3em;border-bottom:1px solid #d8dee4}
        h2{font-size:1.4rem;padding-bottom:.25em;border-bottom:1px solid #eaeef2}
        h3{font-size:1.15rem}
        table{border-collapse:collapse;margin:1em 0;display:block;overflow-x:auto;max-width:100%}
        th,td{border:1px solid #d0d7de;padding:.35em .7em;text-align:left;vertical-align:top}
        th{background:#f0f3f6}
        tr:nth-child(even) td{background:#fafbfc}
        code{font:.88em/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eff1f3;padding:.1em .3em;border-radius:4px}
        pre{background:#f6f8fa;border:1px solid #d8dee4;border-radius:6px;padding:.9em 1em;overflow-x:auto}
        pre code{background:none;padding:0;white-space:pre}
        blockquote{margin:1em 0;padding:0 1em;color:#57606a;border-left:4px solid #d0d7de}
        a{color:#0969da}
        .meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0 0 1.5em;padding:.8em 1em;background:#f6f8fa;border:1px solid #d8dee4;border-radius:6px;font-size:.9em}
        .meta dt{color:#57606a}.meta dd{margin:0}
        figure{margin:1.2em 0}figcaption{color:#57606a;font-size:.85em;margin-top:.3em}
        svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}
        .index h2{margin-top:1.2em}.index td:first-child{white-space:nowrap}
        .sev-critical{color:#b91c1c;font-weight:600}.sev-high{color:#c2410c}.sev-medium{color:#a16207}.sev-low{color:#4d7c0f}
        """
}
