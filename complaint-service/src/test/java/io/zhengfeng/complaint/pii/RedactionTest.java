package io.zhengfeng.complaint.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A corpus of personal data written the ways citizens write it, each redacted; ordinary text left alone. */
class RedactionTest {

    @Test
    void everyVariantInTheCorpusIsRedacted() {
        List<String[]> corpus = corpus();
        List<String> missed = new ArrayList<>();
        for (String[] entry : corpus) {
            String text = "我的联系方式：" + entry[0] + "，请回复。";
            String out = Redaction.redact(text);
            if (!out.contains(entry[1]) || digitsIn(out) > 0 || out.contains("@") || out.contains("＠")) {
                missed.add(entry[0] + " -> " + out);
            }
        }
        System.out.printf("[redaction] %d variants, %d missed%n", corpus.size(), missed.size());
        assertTrue(corpus.size() >= 100, "corpus size " + corpus.size());
        assertEquals(List.of(), missed);
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        for (String text : List.of("2024年3月5日下午14:30在3号楼502室", "2024-01-15", "2023/12/31 09:00", "金额12,345.67元",
                "¥1,000,000", "共计120000元", "依据《信访工作条例》第12条", "第三十二条第二款", "区政发〔2024〕12号",
                "规划许可证号建字第320102202400123号", "增长了12.5%", "面积158.6平方米", "编号A-1024", "1998年至2024年",
                "10:00-12:00", "第1、2、3项", "IP 192.168.1.1", "版本 3.33.2", "共有13户居民", "跟踪号ZF261202-7K3M9Q")) {
            assertEquals(text, Redaction.redact(text), "changed: " + text);
        }
    }

    @Test
    void theCitizensNameIsRemovedWholeNotMaskedToItsSurname() {
        String out = Redaction.redact("举报人张三电话13812345678，张 三本人可作证", "张三");
        assertEquals("举报人[姓名已隐去]电话[电话已隐去]，[姓名已隐去]本人可作证", out);
        assertFalse(out.contains("张"));
    }

    private static List<String[]> corpus() {
        List<String[]> c = new ArrayList<>();
        String phone = Redaction.PHONE;
        for (String m : List.of("13812345678", "15900001111", "18688889999", "17712345678", "19912345678", "16612345678",
                "14712345678", "13012345678")) {
            String a = m.substring(0, 3), b = m.substring(3, 7), d = m.substring(7);
            for (String v : List.of(m, "+86" + m, "+86 " + m, "86" + m, "86-" + m, "0086" + m, "(+86)" + m, "（+86）" + m,
                    a + " " + b + " " + d, a + "-" + b + "-" + d, "+86 " + a + " " + b + " " + d, a + "　" + b + "　" + d,
                    fullWidth(m), "＋８６" + fullWidth(m), fullWidth(a) + "－" + fullWidth(b) + "－" + fullWidth(d))) {
                c.add(new String[] {v, phone});
            }
        }
        for (String v : List.of("010-12345678", "01012345678", "(010)12345678", "（010）12345678", "0755-8765432",
                "0755 8765 4321", "021-6123-4567", "+86 010 12345678", "0571-88889999转123", "０１０－１２３４５６７８",
                "0898-66123456", "(0755)87654321")) {
            c.add(new String[] {v, phone});
        }
        for (String id : List.of("11010519491231002X", "110105194912310029", "440524188001010014", "320102200002291234",
                "51010419900307453x")) {
            c.add(new String[] {id, Redaction.ID_NUMBER});
            c.add(new String[] {id.substring(0, 6) + " " + id.substring(6, 14) + " " + id.substring(14), Redaction.ID_NUMBER});
            c.add(new String[] {fullWidth(id.substring(0, 17)) + (id.charAt(17) == 'X' ? "Ｘ" : fullWidth(id.substring(17))),
                    Redaction.ID_NUMBER});
        }
        for (String card : List.of("6222021234567890123", "6228480012345678", "4367421234567890", "621700123456789012")) {
            c.add(new String[] {card, Redaction.BANK_CARD});
            StringBuilder grouped = new StringBuilder();
            for (int i = 0; i < card.length(); i += 4) {
                grouped.append(i == 0 ? "" : " ").append(card, i, Math.min(card.length(), i + 4));
            }
            c.add(new String[] {grouped.toString(), Redaction.BANK_CARD});
            c.add(new String[] {grouped.toString().replace(' ', '-'), Redaction.BANK_CARD});
        }
        for (String mail : List.of("zhangsan@qq.com", "zhang.san+gov@163.com", "z_s-01@mail.example.gov.cn",
                "ZhangSan@Example.COM", "zhangsan＠qq.com", "li.si@sina.com.cn")) {
            c.add(new String[] {mail, Redaction.EMAIL});
        }
        return c;
    }

    private static String fullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        for (char ch : ascii.toCharArray()) {
            out.append(ch >= '0' && ch <= '9' ? (char) (ch - '0' + 0xFF10) : ch);
        }
        return out.toString();
    }

    private static long digitsIn(String s) {
        return s.chars().filter(ch -> (ch >= '0' && ch <= '9') || (ch >= 0xFF10 && ch <= 0xFF19)).count();
    }
}
