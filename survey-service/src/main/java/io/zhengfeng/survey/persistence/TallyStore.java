package io.zhengfeng.survey.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import io.zhengfeng.survey.config.SurveyConfig;

/**
 * The incremental tallies and the anonymous answer rows (native SQL: one multi-row statement per
 * answer, valid on MySQL 8.4 and MariaDB 10.11).
 */
@ApplicationScoped
public class TallyStore {
    /** One counter an answer adds 1 to. */
    public record Key(String question, String row, String option) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = question.compareTo(o.question);
            c = c != 0 ? c : row.compareTo(o.row);
            return c != 0 ? c : option.compareTo(o.option);
        }
    }

    /** A summed counter as read back. */
    public record Count(String question, String row, String option, String pool, String group, String channel, long n) {
    }

    private final EntityManager em;
    private final int slots;

    public TallyStore(EntityManager em, SurveyConfig config) {
        this.em = em;
        this.slots = Math.max(1, config.tallySlots());
    }

    /**
     * Adds one answer's counters to one random slot. Keys are written in a fixed order, so two
     * answers that meet on a slot wait for each other instead of deadlocking.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String surveyId, String pool, String group, String channel, List<Key> keys) {
        List<Key> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        int slot = ThreadLocalRandom.current().nextInt(slots);
        StringBuilder sql = new StringBuilder("INSERT INTO tally (survey_id, question_key, row_key, option_key, pool, "
                + "respondent_group, channel, slot, n) VALUES ");
        for (int i = 0; i < sorted.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,1)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE n = n + 1");
        Query q = em.createNativeQuery(sql.toString());
        int p = 1;
        for (Key k : sorted) {
            q.setParameter(p++, surveyId);
            q.setParameter(p++, k.question());
            q.setParameter(p++, k.row());
            q.setParameter(p++, k.option());
            q.setParameter(p++, pool);
            q.setParameter(p++, group);
            q.setParameter(p++, channel);
            q.setParameter(p++, slot);
        }
        q.executeUpdate();
    }

    /** Every counter of a survey, summed over its slots: cost follows the questionnaire, not the answers. */
    @SuppressWarnings("unchecked")
    public List<Count> read(String surveyId) {
        List<Object[]> rows = em.createNativeQuery("SELECT question_key, row_key, option_key, pool, respondent_group, channel, "
                + "SUM(n) FROM tally WHERE survey_id = ?1 "
                + "GROUP BY question_key, row_key, option_key, pool, respondent_group, channel")
                .setParameter(1, surveyId).getResultList();
        return rows.stream().map(r -> new Count((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], ((Number) r[6]).longValue())).toList();
    }

    /** Answers so far per pool (the live count staff see while a survey is open). */
    @SuppressWarnings("unchecked")
    public List<Object[]> answersPerPool(String surveyId) {
        return em.createNativeQuery("SELECT pool, SUM(n) FROM tally WHERE survey_id = ?1 AND question_key = '_answers' "
                + "GROUP BY pool").setParameter(1, surveyId).getResultList();
    }

    /** The answer sheet, under a random id, with the day only and nothing that points at its author. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void storeResponse(String id, String surveyId, String pool, LocalDate day, String answersJson, boolean hasText) {
        em.createNativeQuery("INSERT INTO response (id, survey_id, pool, answered_on, answers, has_text) VALUES (?1,?2,?3,?4,?5,?6)")
                .setParameter(1, id).setParameter(2, surveyId).setParameter(3, pool).setParameter(4, day)
                .setParameter(5, answersJson).setParameter(6, hasText).executeUpdate();
    }

    /** Answer sheets with free text, in id order (random, but stable for paging). */
    @SuppressWarnings("unchecked")
    public List<String> textSheets(String surveyId, int offset, int limit) {
        return em.createNativeQuery("SELECT answers FROM response WHERE survey_id = ?1 AND has_text = TRUE "
                + "ORDER BY id LIMIT ?2 OFFSET ?3").setParameter(1, surveyId).setParameter(2, limit)
                .setParameter(3, offset).getResultList();
    }

    /** Records a public ballot id's hash; false if that ballot already answered. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claimBallot(String surveyId, String ballotHash) {
        return em.createNativeQuery("INSERT IGNORE INTO public_ballot (survey_id, ballot_hash) VALUES (?1, ?2)")
                .setParameter(1, surveyId).setParameter(2, ballotHash).executeUpdate() == 1;
    }
}
