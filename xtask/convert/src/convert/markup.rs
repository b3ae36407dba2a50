//! Zoom writes its docs in Markdown with HTML mixed in (`<br>`, `<b>`, `<a href>`, `<p>`,
//! `<aside>`, `<code>`). OpenAPI descriptions are CommonMark and end up as rustdoc comments,
//! where that HTML renders badly and warns (`<br>` unclosed, `<b>` across lines); so it is
//! turned into the Markdown it means.

use std::sync::LazyLock;

use regex::Regex;

static BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[ \t]*</?br\s*/?>[ \t]*").unwrap());
static BOLD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<(b|strong)>(.*?)</(b|strong)>").unwrap());
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<code>(.*?)</code>").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<a\s[^>]*href\s*=\s*["']([^"']*)["'][^>]*>(.*?)</a>"#).unwrap()
});
static BLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?(p|aside|div)(\s[^>]*)?>").unwrap());
static STRAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</?(b|strong|a|code|span|i|em)(\s[^>]*)?>").unwrap());
static BLANK_LINES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\n[ \t]*\n(\s*\n)+").unwrap());

/// `text` with Zoom's HTML turned into Markdown: a break or a block ends a paragraph, bold is
/// `**bold**`, a link `[text](url)`, code `` `code` ``.
pub fn markdown(text: &str) -> String {
    if !text.contains('<') {
        return text.to_owned();
    }
    let text = BOLD.replace_all(text, |c: &regex::Captures<'_>| {
        let inner = c[2].trim();
        if inner.is_empty() {
            String::new()
        } else {
            format!("**{inner}**")
        }
    });
    let text = CODE.replace_all(&text, "`$1`");
    let text = LINK.replace_all(&text, "[$2]($1)");
    let text = BREAK.replace_all(&text, "\n\n");
    let text = BLOCK.replace_all(&text, "\n\n");
    let text = STRAY.replace_all(&text, "");
    BLANK_LINES.replace_all(&text, "\n\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn zoom_html_becomes_markdown() {
        assert_eq!(
            markdown("Get details.<br><br> **Scopes:** `meeting:read`<br>"),
            "Get details.\n\n**Scopes:** `meeting:read`"
        );
        assert_eq!(markdown("A <b>bold</b> word"), "A **bold** word");
        assert_eq!(
            markdown(r#"See <a href="https://marketplace.zoom.us/docs">the docs</a>."#),
            "See [the docs](https://marketplace.zoom.us/docs)."
        );
        assert_eq!(markdown("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
        assert_eq!(
            markdown(r#"<aside class="notice">Only for <code>pro</code> plans.</aside>"#),
            "Only for `pro` plans."
        );
        assert_eq!(markdown("no markup, a < b"), "no markup, a < b");
        assert_eq!(markdown("line</br>next"), "line\n\nnext");
    }
}
