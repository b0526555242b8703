package io.zhengfeng.survey.service;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;

import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.survey.config.SurveyConfig;
import io.zhengfeng.survey.persistence.SurveyEntity;

/**
 * Printable solicitation letters (征求意见函): one A4 page per invitee with the letterhead, the
 * addressee, the short code and a QR code linking to the answer page. PDFBox writes the PDF with
 * an embedded subset of a CJK font; ZXing computes the QR matrix, drawn as vector squares.
 */
@ApplicationScoped
public class Letters {
    private static final Logger LOG = Logger.getLogger(Letters.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    public record Letter(String letterNo, String organisation, String name, String address, String code) {
    }

    private final SurveyConfig.Letters config;

    public Letters(SurveyConfig config) {
        this.config = config.letters();
    }

    public byte[] render(SurveyEntity s, List<Letter> letters) {
        long started = System.nanoTime();
        if (!new File(config.font()).canRead()) {
            // letters without a CJK font would print empty boxes: refuse, saying what is missing
            throw new ProblemException(503, "letters-unavailable", "Letters unavailable",
                    "no CJK font at " + config.font() + " (install fonts-wqy-zenhei or set ZF_SURVEY_FONT)");
        }
        try (PDDocument doc = new PDDocument(); TrueTypeCollection fonts = new TrueTypeCollection(new File(config.font()))) {
            TrueTypeFont[] first = new TrueTypeFont[1];
            fonts.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            PDFont font = PDType0Font.load(doc, first[0], true);
            for (Letter l : letters) {
                page(doc, font, s, l);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            LOG.infof("%d letters of survey %s rendered in %d ms (%d bytes)", letters.size(), s.id,
                    (System.nanoTime() - started) / 1_000_000, out.size());
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Letters could not be rendered (font " + config.font() + ")", e);
        }
    }

    private void page(PDDocument doc, PDFont font, SurveyEntity s, Letter l) throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        float w = PDRectangle.A4.getWidth();
        float left = 72;
        try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
            float y = 780;
            y = line(c, font, 18, centre(font, 18, config.letterhead(), w), y, config.letterhead());
            c.moveTo(left, y + 6);
            c.lineTo(w - left, y + 6);
            c.stroke();
            y = line(c, font, 20, centre(font, 20, "征求意见函", w), y - 24, "征求意见函");
            y = line(c, font, 10, w - left - 120, y, "函号：" + l.letterNo());
            String to = (l.organisation() == null ? "" : l.organisation()) + (l.name() == null ? "" : " " + l.name());
            y = line(c, font, 12, left, y - 12, "致：" + to.strip());
            if (l.address() != null) {
                y = line(c, font, 10, left, y, "地址：" + l.address());
            }
            String period = s.closesAt == null ? "" : "请于" + DAY.format(s.closesAt.atZone(Answering.ZONE)) + "前";
            for (String text : List.of(
                    "为深入开展民主评议政风行风工作，广泛听取社会各界的意见和建议，",
                    "我们开展“" + s.title + "”。",
                    "诚挚邀请您对我局政风行风进行评议。" + period + "扫描下方二维码或访问答题页面，",
                    "输入本函的答题码作答；也可填写纸质问卷后寄回。每个答题码只能使用一次。",
                    "您的评议以匿名方式统计，答卷与本函之间不作任何关联。")) {
                y = line(c, font, 12, left, y - 4, text);
            }
            y = line(c, font, 14, left, y - 16, "答题码：" + l.code());
            qr(c, config.answerUrl() + Tokens.normalise(l.code()), left, y - 170, 150);
            line(c, font, 12, w - left - 200, 120, config.letterhead());
            line(c, font, 10, w - left - 200, 100, DAY.format(java.time.LocalDate.now(Answering.ZONE)));
        }
    }

    private static float line(PDPageContentStream c, PDFont font, float size, float x, float y, String text) throws IOException {
        c.beginText();
        c.setFont(font, size);
        c.newLineAtOffset(x, y);
        c.showText(text);
        c.endText();
        return y - size * 1.8f;
    }

    private static float centre(PDFont font, float size, String text, float pageWidth) throws IOException {
        return (pageWidth - font.getStringWidth(text) / 1000 * size) / 2;
    }

    private static void qr(PDPageContentStream c, String content, float x, float y, float size) throws IOException {
        try {
            QRCode code = Encoder.encode(content, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
            ByteMatrix m = code.getMatrix();
            float cell = size / m.getWidth();
            for (int row = 0; row < m.getHeight(); row++) {
                for (int col = 0; col < m.getWidth(); col++) {
                    if (m.get(col, row) == 1) {
                        c.addRect(x + col * cell, y + size - (row + 1) * cell, cell, cell);
                    }
                }
            }
            c.fill();
        } catch (WriterException e) {
            throw new IllegalStateException("QR code could not be encoded", e);
        }
    }
}
