package io.zhengfeng.inspection.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.zhengfeng.inspection.persistence.CampaignEntity;
import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.pii.Redaction;
import io.zhengfeng.inspection.service.Access;
import io.zhengfeng.inspection.service.AuditTrail;
import io.zhengfeng.inspection.service.Campaigns;
import io.zhengfeng.inspection.service.Views;
import io.zhengfeng.platform.security.Roles;

/**
 * The campaign's self-inspection report (自查自纠报告) in the seed's structure: 一、主要工作做法 with
 * its five parts, 二、存在的问题, 三、存在问题的主要原因, 四、下步工作打算. Figures come from
 * {@link ReportFigures}; problems, causes and next steps from the findings and the task force's
 * texts. One block model, rendered as .docx ({@link DocxWriter}) and HTML ({@link HtmlWriter}).
 */
@ApplicationScoped
public class SelfInspectionReport {
    public static final List<String> HEADINGS = List.of("一、主要工作做法", "二、存在的问题", "三、存在问题的主要原因", "四、下步工作打算");
    static final String[] NUMERALS = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    private static final Map<String, String> TYPE_NAMES = Map.of("self", "自查", "peer", "横向互查", "spot", "纵向抽查",
            "open", "明查", "undercover", "暗访");
    private static final Map<String, String> SEVERITY_NAMES = Map.of("minor", "一般", "major", "较重", "serious", "严重");

    public enum Kind { TITLE, HEADING, SUBHEADING, PARAGRAPH }

    public record Block(Kind kind, String text) {
    }

    private final ReportFigures figures;
    private final Access access;
    private final AuditTrail audit;

    public SelfInspectionReport(ReportFigures figures, Access access, AuditTrail audit) {
        this.figures = figures;
        this.access = access;
        this.audit = audit;
    }

    public byte[] docx(String campaignId) {
        return DocxWriter.write(blocks(campaignId));
    }

    public String html(String campaignId) {
        return HtmlWriter.write(blocks(campaignId));
    }

    @Transactional
    public List<Block> blocks(String campaignId) {
        access.requireAny("The self-inspection report", Roles.INSPECTOR, Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN);
        CampaignEntity c = Campaigns.find(campaignId);
        ReportFigures.Figures f = figures.of(c);
        Views.Campaign v = Campaigns.view(c);
        List<Block> out = new ArrayList<>();
        out.add(new Block(Kind.TITLE, c.title + "自查自纠报告"));
        out.add(p("根据" + c.year + "年民主评议政风行风工作的统一部署，本单位精心组织、广泛宣传、全面发动，开展自查自纠，"
                + "广泛征求意见和建议，认真排查政风行风建设方面存在的问题。现将开展政风行风建设自查自纠的有关情况报告如下："));

        out.add(h(HEADINGS.get(0)));
        out.add(sub("（一）领导高度重视，提高思想认识"));
        out.add(p("成立政风行风建设领导小组，成员" + v.leadingGroup().size() + "人" + names(v.leadingGroup())
                + "；领导小组下设工作专班，成员" + v.taskForce().size() + "人" + names(v.taskForce())
                + "，负责行风评议日常工作，层层落实工作责任制。"));
        if (c.planText != null) {
            out.add(p("制定了《" + c.title + "实施方案》，明确指导思想、工作目标、基本原则、评议对象和评议内容：" + c.planText));
        }
        out.add(sub("（二）深入宣传发动，整体推进评议"));
        out.add(p("评议工作分" + v.phases().size() + "个阶段进行：" + v.phases().stream().map(SelfInspectionReport::phase)
                .collect(Collectors.joining("、")) + "；当前处于"
                + v.phases().stream().filter(ph -> ph.code().equals(c.currentPhase)).map(Views.Phase::name).findFirst().orElse("—")
                + "阶段。在“民主评议政风行风专栏”发布工作动态" + f.workUpdates() + "条。"));
        out.add(sub("（三）广泛征求意见，畅通评议渠道"));
        out.add(p("发放征求意见函" + f.lettersSent() + "份，回收" + f.lettersReturned() + "份，满意率"
                + rate(f.surveySatisfaction()) + "（共" + f.surveys() + "次问卷调查）。"));
        out.add(p("收到群众诉求" + f.messagesReceived() + "件，已答复" + f.messagesAnswered() + "件，按时答复"
                + f.answeredOnTime() + "件，按时答复率" + ReportFigures.Figures.percent(f.answeredOnTime(), f.messagesAnswered())
                + "；回访评价" + f.messagesRated() + "件，满意" + f.messagesSatisfied() + "件，满意率"
                + ReportFigures.Figures.percent(f.messagesSatisfied(), f.messagesRated()) + "。"));
        out.add(sub("（四）加强监督检查，接受群众监督"));
        out.add(p("聘请政风行风监督员" + f.supervisors() + "名，监督员走访、座谈、提出意见" + f.supervisorActivities() + "次。"));
        out.add(p("坚持专项检查与经常检查相结合、明查与暗访相结合，开展检查" + f.inspections() + "次，其中"
                + f.inspectionsByType().entrySet().stream().map(e -> TYPE_NAMES.get(e.getKey()) + e.getValue() + "次")
                        .collect(Collectors.joining("、")) + "。"));
        out.add(sub("（五）积极开展自查，主动制定对策"));
        out.add(p("对照“六查六看六不让”查找问题" + f.findings() + "个，其中"
                + f.findingsByItem().stream().map(i -> i.label() + i.check() + i.findings() + "个").collect(Collectors.joining("；"))
                + (f.findingsOther() > 0 ? "；其他" + f.findingsOther() + "个" : "") + "。"));
        out.add(p("下达整改通知" + f.orders() + "件，已整改完成并经验证有效" + f.ordersDone() + "件，其中按期完成"
                + f.ordersDoneOnTime() + "件；逾期督办" + f.ordersOverdue() + "件。"));

        out.add(h(HEADINGS.get(1)));
        paragraphs(out, c.reportProblems);
        int n = 0;
        for (FindingEntity finding : f.findingList()) {
            String label = finding.item == null ? "" : finding.item.label + "，";
            out.add(p("（" + numeral(n++) + "）" + Redaction.redact(finding.description) + "（" + label
                    + SEVERITY_NAMES.getOrDefault(finding.severity, finding.severity) + "，"
                    + ("closed".equals(finding.status) ? "已整改" : "整改中") + "）"));
        }
        if (c.reportProblems == null && f.findingList().isEmpty()) {
            out.add(p("（待工作专班填写）"));
        }
        out.add(h(HEADINGS.get(2)));
        out.add(p("对照自查自纠出来的问题，经过深入剖析，问题存在的根源主要体现在以下方面："));
        paragraphs(out, c.reportCauses == null ? "（待工作专班填写）" : c.reportCauses);
        out.add(h(HEADINGS.get(3)));
        paragraphs(out, c.reportNextSteps == null ? "（待工作专班填写）" : c.reportNextSteps);
        audit.record("report.generate", c.id, AuditTrail.ALLOWED, null);
        return out;
    }

    private static String phase(Views.Phase p) {
        DateTimeFormatter d = DateTimeFormatter.ofPattern("M月d日");
        String dates = p.startsOn() == null ? "" : "（" + d.format(p.startsOn()) + (p.endsOn() == null ? "" : "至" + d.format(p.endsOn())) + "）";
        return p.name() + dates;
    }

    private static String names(List<Views.Member> members) {
        return members.isEmpty() ? "" : "（" + members.stream().map(m -> m.duty() == null ? m.username() : m.username() + "，" + m.duty())
                .collect(Collectors.joining("；")) + "）";
    }

    private static String rate(BigDecimal fraction) {
        return fraction == null ? "—" : fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String numeral(int n) {
        return n < NUMERALS.length ? NUMERALS[n] : Integer.toString(n + 1);
    }

    private static void paragraphs(List<Block> out, String text) {
        if (text == null) {
            return;
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(p(line.trim()));
            }
        }
    }

    private static Block h(String text) {
        return new Block(Kind.HEADING, text);
    }

    private static Block sub(String text) {
        return new Block(Kind.SUBHEADING, text);
    }

    private static Block p(String text) {
        return new Block(Kind.PARAGRAPH, text);
    }
}
