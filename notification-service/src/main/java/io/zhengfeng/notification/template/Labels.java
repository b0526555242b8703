package io.zhengfeng.notification.template;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The suite's codes in words, for the notification templates ({@code {label:deadlineKind(deadlineKind)}}).
 * Chinese here; other languages in {@code messages/label_<locale>.properties}. An unknown code is
 * shown as it is, so a new kind still renders.
 */
@MessageBundle(value = "label", locale = "zh-CN")
public interface Labels {

    @Message("{#when kind}{#is 'acceptance'}受理{#is 'reply'}答复{#is 'follow_up'}回访{#is 'rectification'}整改{#else}{kind}{/when}")
    String deadlineKind(Object kind);

    @Message("{#when kind}{#is 'complaint'}投诉{#is 'report'}举报{#is 'consultation'}咨询{#is 'suggestion'}建议{#else}{kind}{/when}")
    String complaintKind(Object kind);

    @Message("{#when channel}{#is 'web'}网站{#is 'hotline_day'}日间热线{#is 'hotline_night'}夜间热线{#is 'mailbox'}举报箱"
            + "{#is 'letter'}来信{#is 'visit'}来访{#is 'spokesperson_column'}网络发言人专栏{#else}{channel}{/when}")
    String channel(Object channel);

    @Message("{#when type}{#is 'complaint'}群众诉求{#is 'rectification'}整改事项{#is 'survey'}问卷调查{#else}{type}{/when}")
    String subjectType(Object type);

    @Message("{#when title}{#is 'overdue'}已逾期事项{#is 'due_today'}今日到期事项{#is 'unaccepted'}待受理留言"
            + "{#else}{title}{/when}")
    String digestSection(Object title);
}
