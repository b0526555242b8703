package io.zhengfeng.inspection.report;

import java.util.List;

/** The report as a standalone HTML page (same blocks as the .docx). */
final class HtmlWriter {
    static String write(List<SelfInspectionReport.Block> blocks) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>");
        s.append(escape(blocks.get(0).text())).append("</title><style>body{font-family:SimSun,serif;max-width:50em;margin:2em auto;line-height:1.8}"
                + "h1{text-align:center;font-size:1.5em}h2{font-size:1.2em}h3{font-size:1.05em}p{text-indent:2em}</style></head><body>\n");
        for (SelfInspectionReport.Block b : blocks) {
            String tag = switch (b.kind()) {
                case TITLE -> "h1";
                case HEADING -> "h2";
                case SUBHEADING -> "h3";
                case PARAGRAPH -> "p";
            };
            s.append('<').append(tag).append('>').append(escape(b.text())).append("</").append(tag).append(">\n");
        }
        return s.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private HtmlWriter() {
    }
}
