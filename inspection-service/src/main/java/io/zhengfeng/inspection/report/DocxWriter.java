package io.zhengfeng.inspection.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDecimalNumber;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTOnOff;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The report as .docx with Apache POI. Headings use real Word heading styles (Heading1/Heading2,
 * with outline levels), so the navigation pane in Word or WPS shows the report's structure.
 */
final class DocxWriter {
    static byte[] write(List<SelfInspectionReport.Block> blocks) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFStyles styles = doc.createStyles();
            addHeadingStyle(styles, "Heading1", "heading 1", 0);
            addHeadingStyle(styles, "Heading2", "heading 2", 1);
            for (SelfInspectionReport.Block b : blocks) {
                XWPFParagraph p = doc.createParagraph();
                XWPFRun r = p.createRun();
                r.setFontFamily("SimSun");
                r.setText(b.text());
                switch (b.kind()) {
                    case TITLE -> {
                        p.setStyle("Title");
                        p.setAlignment(ParagraphAlignment.CENTER);
                        r.setBold(true);
                        r.setFontSize(18);
                    }
                    case HEADING -> {
                        p.setStyle("Heading1");
                        r.setBold(true);
                        r.setFontSize(16);
                        r.setFontFamily("SimHei");
                    }
                    case SUBHEADING -> {
                        p.setStyle("Heading2");
                        r.setBold(true);
                        r.setFontSize(14);
                        r.setFontFamily("KaiTi");
                    }
                    case PARAGRAPH -> {
                        p.setFirstLineIndent(560);
                        r.setFontSize(14);
                    }
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addHeadingStyle(XWPFStyles styles, String id, String name, int outlineLevel) {
        CTStyle style = CTStyle.Factory.newInstance();
        style.setStyleId(id);
        CTString styleName = CTString.Factory.newInstance();
        styleName.setVal(name);
        style.setName(styleName);
        style.setType(STStyleType.PARAGRAPH);
        CTDecimalNumber priority = CTDecimalNumber.Factory.newInstance();
        priority.setVal(BigInteger.valueOf(9));
        style.setUiPriority(priority);
        style.setQFormat(CTOnOff.Factory.newInstance());
        CTPPrGeneral ppr = CTPPrGeneral.Factory.newInstance();
        CTDecimalNumber level = CTDecimalNumber.Factory.newInstance();
        level.setVal(BigInteger.valueOf(outlineLevel));
        ppr.setOutlineLvl(level);
        style.setPPr(ppr);
        styles.addStyle(new XWPFStyle(style));
    }

    private DocxWriter() {
    }
}
