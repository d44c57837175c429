package org.homeamp.formats;

/** Line arithmetic over a file's text: line starts and ends, and the line ending the file uses. */
final class TextLayout {
    private TextLayout() {
    }

    /** The file's line ending: CRLF when its first line break is one, else LF. */
    static String lineEnding(String text) {
        int lf = text.indexOf('\n');
        return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }

    /** Index of the first character of the line holding {@code index}. */
    static int lineStart(String text, int index) {
        int i = index;
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** Index of the line break (or end of text) ending the line holding {@code index}. */
    static int lineEnd(String text, int index) {
        int i = index;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    /** Index just after the line break ending the line holding {@code index}, or the text's length. */
    static int nextLineStart(String text, int index) {
        int i = lineEnd(text, index);
        if (i < text.length() && text.charAt(i) == '\r') {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    /** Column of {@code index} in characters. */
    static int column(String text, int index) {
        return index - lineStart(text, index);
    }

    /**
     * Inserts whole lines before {@code at} (a line start or the end of the text). {@code lines} ends
     * with a line ending; when the text's last line has none, one is added before the new lines and
     * the new last line goes without, so the file keeps its convention.
     */
    static String insertLines(String text, int at, String lines, String eol) {
        if (at == text.length() && !text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
            return text + eol + lines.substring(0, lines.length() - eol.length());
        }
        return text.substring(0, at) + lines + text.substring(at);
    }

    static String replace(String text, int start, int end, String replacement) {
        return text.substring(0, start) + replacement + text.substring(end);
    }

    static String spaces(int n) {
        return " ".repeat(Math.max(0, n));
    }
}
