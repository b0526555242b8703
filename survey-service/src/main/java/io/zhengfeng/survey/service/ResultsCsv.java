package io.zhengfeng.survey.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Results as CSV (commons-csv, RFC 4180), UTF-8 with a BOM so Excel keeps the Chinese text. */
public final class ResultsCsv {
    public static final String[] HEADER = { "题号", "题目", "评议对象", "选项", "票数", "百分比", "满意率", "平均分" };

    public static byte[] write(ResultsView r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            w.write('\uFEFF');
            csv.printRecord((Object[]) HEADER);
            for (ResultsView.QuestionResult q : r.questions()) {
                if (q.rows() != null) {
                    for (ResultsView.RowResult row : q.rows()) {
                        for (ResultsView.OptionCount o : row.options()) {
                            csv.printRecord(q.key(), q.text(), row.label(), o.label(), o.count(), o.percent(),
                                    row.satisfactionRate(), row.average());
                        }
                    }
                } else if (q.options() != null) {
                    for (ResultsView.OptionCount o : q.options()) {
                        csv.printRecord(q.key(), q.text(), "", o.label(), o.count(), o.percent(), q.satisfactionRate(),
                                q.average());
                    }
                } else {
                    csv.printRecord(q.key(), q.text(), "", "（文字回答）", q.answered(), null, null, null);
                }
            }
            csv.printRecord("合计", r.title(), "", "答卷数", r.answers(), null, r.satisfactionRate(), null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private ResultsCsv() {
    }
}
