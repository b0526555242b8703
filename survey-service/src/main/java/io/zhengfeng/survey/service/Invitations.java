package io.zhengfeng.survey.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.survey.config.SurveyConfig;
import io.zhengfeng.survey.events.SurveyEvents;
import io.zhengfeng.survey.persistence.InvitationEntity;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.platform.pii.Masking;
import io.zhengfeng.platform.pii.PersonalDataCipher;

/**
 * Solicitation letters: bulk import, masked listing, audited reveal, printing (which issues each
 * letter's one-use code) and reminders to those who have not answered.
 */
@ApplicationScoped
public class Invitations {
    private final SurveyConfig config;
    private final Surveys surveys;
    private final PersonalDataCipher cipher;
    private final AuditTrail audit;
    private final SurveyEvents events;
    private final Letters letters;

    public Invitations(SurveyConfig config, Surveys surveys, PersonalDataCipher cipher, AuditTrail audit,
            SurveyEvents events, Letters letters) {
        this.config = config;
        this.surveys = surveys;
        this.cipher = cipher;
        this.audit = audit;
        this.events = events;
        this.letters = letters;
    }

    /** All or nothing: one bad row (named by its index) and nothing is stored. */
    @Transactional
    public List<InvitationView> importInvitees(String surveyId, List<Invitee> invitees) {
        SurveyEntity s = surveys.find(surveyId);
        if (!Status.invites(s.audience)) {
            throw ProblemException.conflict("not-invited-survey", "a public-only survey has no invitations");
        }
        if (Status.CLOSED.equals(s.status) || Status.PUBLISHED.equals(s.status)) {
            throw ProblemException.conflict("survey-closed", "survey is " + s.status);
        }
        if (invitees == null || invitees.isEmpty() || invitees.size() > config.maxImport()) {
            throw ProblemException.badField("invitees", "must list 1-" + config.maxImport() + " invitees");
        }
        long existing = InvitationEntity.count("surveyId", s.id);
        List<InvitationView> out = new ArrayList<>();
        for (int i = 0; i < invitees.size(); i++) {
            Invitee in = invitees.get(i);
            String field = "invitees[" + i + "]";
            if (in == null) {
                throw ProblemException.badField(field, "must not be null");
            }
            if (in.group() == null || !config.respondentGroups().contains(in.group())) {
                throw ProblemException.badField(field + ".group", "must be one of " + config.respondentGroups());
            }
            if (blank(in.organisation()) && blank(in.name())) {
                throw ProblemException.badField(field + ".organisation", "an organisation or a name is required");
            }
            check(field + ".organisation", in.organisation(), 200);
            check(field + ".name", in.name(), 100);
            check(field + ".address", in.address(), 300);
            check(field + ".email", in.email(), 200);
            if (!blank(in.email()) && !in.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw ProblemException.badField(field + ".email", "is not an e-mail address");
            }
            InvitationEntity e = new InvitationEntity();
            e.id = UUID.randomUUID().toString();
            e.surveyId = s.id;
            e.letterNo = String.format("%d-%04d", s.campaignYear, existing + i + 1);
            // a code nobody knows: the real one is issued when the letter is printed
            e.tokenHash = Tokens.hash(Tokens.newCode());
            e.respondentGroup = in.group();
            e.organisation = blankToNull(in.organisation());
            e.nameEnc = cipher.encrypt(blankToNull(in.name()));
            e.emailEnc = cipher.encrypt(blankToNull(in.email()));
            e.addressEnc = cipher.encrypt(blankToNull(in.address()));
            e.persist();
            out.add(view(e, false));
        }
        audit.record("invitees_imported", s.id, AuditTrail.ALLOWED, invitees.size() + " invitees");
        return out;
    }

    public List<InvitationView> list(String surveyId, int page, int size) {
        surveys.find(surveyId);
        return InvitationEntity.<InvitationEntity>find("surveyId", Sort.by("letterNo"), surveyId)
                .page(Page.of(page, size)).list().stream().map(e -> view(e, false)).toList();
    }

    @Transactional
    public InvitationView reveal(String surveyId, String id) {
        InvitationEntity e = InvitationEntity.findById(id);
        if (e == null || !e.surveyId.equals(surveyId)) {
            throw ProblemException.notFound("invitation " + id);
        }
        audit.record("personal_data_read", e.id, AuditTrail.ALLOWED, "invitee of letter " + e.letterNo);
        return view(e, true);
    }

    /**
     * Prints the letters not yet answered (optionally of one group): each gets a fresh one-use code,
     * which exists only in the returned PDF, so printing again invalidates the earlier printout.
     */
    @Transactional
    public byte[] print(String surveyId, String group) {
        SurveyEntity s = surveys.find(surveyId);
        if (!Status.DRAFT.equals(s.status) && !Status.OPEN.equals(s.status)) {
            throw ProblemException.conflict("survey-closed", "survey is " + s.status);
        }
        List<InvitationEntity> todo = InvitationEntity.<InvitationEntity>list("surveyId = ?1 and answered = false"
                + (group == null ? "" : " and respondentGroup = ?2"), Sort.by("letterNo"),
                group == null ? new Object[] { s.id } : new Object[] { s.id, group });
        if (todo.isEmpty()) {
            throw ProblemException.conflict("nothing-to-print", "no unanswered letters to print");
        }
        LocalDate today = LocalDate.now(Answering.ZONE);
        List<Letters.Letter> pages = new ArrayList<>();
        for (InvitationEntity e : todo) {
            String code = Tokens.newCode();
            e.tokenHash = Tokens.hash(code);
            boolean first = !e.sent;
            e.sent = true;
            e.sentOn = today;
            pages.add(new Letters.Letter(e.letterNo, e.organisation, cipher.decrypt(e.nameEnc), cipher.decrypt(e.addressEnc),
                    code));
            if (first) {
                events.invitation(e, EventTypes.SURVEY_INVITATION_SENT, "post");
            }
        }
        audit.record("letters_printed", s.id, AuditTrail.ALLOWED, todo.size() + " letters with names and addresses");
        return letters.render(s, pages);
    }

    /**
     * Reminders due to letters sent and not answered, at most {@code maxCount} per letter and
     * {@code minDaysBetween} apart; never to one that has answered.
     */
    @Transactional
    public Map<String, Object> remind(String surveyId) {
        SurveyEntity s = surveys.find(surveyId);
        if (!Status.OPEN.equals(s.status)) {
            throw ProblemException.conflict("survey-not-open", "survey is " + s.status);
        }
        LocalDate today = LocalDate.now(Answering.ZONE);
        LocalDate lastAllowed = today.minusDays(config.reminders().minDaysBetween());
        List<InvitationEntity> due = InvitationEntity.list("surveyId = ?1 and sent = true and answered = false "
                + "and reminders < ?2 and (sentOn <= ?3) and (lastRemindedOn is null or lastRemindedOn <= ?3)",
                s.id, config.reminders().maxCount(), lastAllowed);
        for (InvitationEntity e : due) {
            e.reminders++;
            e.lastRemindedOn = today;
            events.invitation(e, EventTypes.SURVEY_REMINDER_DUE, e.emailEnc != null ? "email" : "post");
        }
        audit.record("reminders_due", s.id, AuditTrail.ALLOWED, due.size() + " reminders");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reminded", due.size());
        return out;
    }

    private InvitationView view(InvitationEntity e, boolean full) {
        String name = cipher.decrypt(e.nameEnc);
        String email = cipher.decrypt(e.emailEnc);
        String address = cipher.decrypt(e.addressEnc);
        return new InvitationView(e.id, e.letterNo, e.respondentGroup, e.organisation,
                full ? name : Masking.name(name), full ? email : Masking.email(email),
                full ? address : Masking.address(address), e.sent, e.sentOn, e.answered, e.answeredOn, e.reminders);
    }

    private static void check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.badField(field, "at most " + max + " characters");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
