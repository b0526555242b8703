package io.zhengfeng.survey.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed settings of survey-service; each has a local default and an environment override. */
@ConfigMapping(prefix = "zhengfeng.surveys")
public interface SurveyConfig {

    /** Counter rows per tally key: concurrent answers spread over them instead of queueing on one row. */
    @WithDefault("16")
    int tallySlots();

    /** Respondent groups an invitee may belong to (the seven of the seed, plus the public). */
    @WithDefault("party_government_organ,department,enterprise,party_deputy,npc_deputy,cppcc_member,administrative_counterpart,public")
    List<String> respondentGroups();

    @WithDefault("100")
    int maxPageSize();

    /** Largest invitee import in one request. */
    @WithDefault("5000")
    int maxImport();

    Letters letters();

    Reminders reminders();

    interface Letters {
        /** The letterhead printed on every solicitation letter. */
        @WithDefault("民主评议政风行风工作领导小组办公室")
        String letterhead();

        /** Answer page; the QR code links to it with the letter's code appended. */
        @WithDefault("http://localhost:8080/surveys/answer?code=")
        String answerUrl();

        /** A TrueType font (or collection) with CJK glyphs, embedded in the letters. */
        @WithDefault("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
        String font();
    }

    interface Reminders {
        @WithDefault("7")
        int minDaysBetween();

        @WithDefault("2")
        int maxCount();
    }
}
