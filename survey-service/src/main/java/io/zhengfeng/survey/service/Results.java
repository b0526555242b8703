package io.zhengfeng.survey.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhengfeng.contracts.SurveyEvent;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.persistence.TallyStore;
import io.zhengfeng.survey.persistence.TallyStore.Count;

/**
 * Results from the incremental tallies: one grouped read of the counters (cost set by the
 * questionnaire, not by the number of answers), then arithmetic.
 */
@ApplicationScoped
public class Results {
    public static final String ANSWERS = "_answers";
    public static final String ANSWERED = "_n";
    public static final String POOL_ALL = "all";

    private final TallyStore tallies;
    private final EntityManager em;
    private final ObjectMapper json;

    public Results(TallyStore tallies, EntityManager em, ObjectMapper json) {
        this.tallies = tallies;
        this.em = em;
        this.json = json;
    }

    public ResultsView results(SurveyEntity s, String pool) {
        List<Question> questions = questions(s);
        Predicate<Count> inPool = c -> POOL_ALL.equals(pool) || c.pool().equals(pool);
        List<Count> counts = tallies.read(s.id).stream().filter(inPool).toList();
        List<ResultsView.QuestionResult> qs = new ArrayList<>();
        for (Question q : questions) {
            qs.add(question(q, counts));
        }
        return new ResultsView(s.id, s.title, s.status, pool, sum(counts, c -> c.question().equals(ANSWERS)),
                satisfaction(questions, counts), Status.invites(s.audience) ? responseRate(s.id) : null, qs,
                breakdown(questions, counts, Count::group), breakdown(questions, counts, Count::channel));
    }

    /** The figures an event carries (the self-inspection report needs them). */
    public SurveyEvent.Summary summary(SurveyEntity s) {
        List<Count> counts = tallies.read(s.id);
        ResultsView.ResponseRate rate = responseRate(s.id);
        long invited = sum(counts, c -> c.question().equals(ANSWERS) && c.pool().equals(Status.POOL_INVITED));
        long pub = sum(counts, c -> c.question().equals(ANSWERS) && c.pool().equals(Status.POOL_PUBLIC));
        return new SurveyEvent.Summary(rate.sent(), rate.returned(), invited + pub, invited, pub,
                satisfaction(questions(s), counts));
    }

    /** Live figures staff may see while a survey is open: how many answered, not what. */
    public Map<String, Object> progress(SurveyEntity s) {
        Map<String, Long> perPool = new TreeMap<>();
        for (Object[] row : tallies.answersPerPool(s.id)) {
            perPool.put((String) row[0], ((Number) row[1]).longValue());
        }
        long total = perPool.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("surveyId", s.id);
        out.put("status", s.status);
        out.put("answers", total);
        out.put("answersByPool", perPool);
        out.put("responseRate", responseRate(s.id));
        return out;
    }

    @SuppressWarnings("unchecked")
    public ResultsView.ResponseRate responseRate(String surveyId) {
        List<Object[]> rows = em.createNativeQuery("SELECT respondent_group, COUNT(*), SUM(CASE WHEN sent THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN answered THEN 1 ELSE 0 END) FROM invitation WHERE survey_id = ?1 GROUP BY respondent_group "
                + "ORDER BY respondent_group").setParameter(1, surveyId).getResultList();
        List<ResultsView.GroupRate> groups = new ArrayList<>();
        long invited = 0, sent = 0, returned = 0;
        for (Object[] r : rows) {
            long i = ((Number) r[1]).longValue(), se = ((Number) r[2]).longValue(), re = ((Number) r[3]).longValue();
            groups.add(new ResultsView.GroupRate((String) r[0], i, se, re, percent(re, se)));
            invited += i;
            sent += se;
            returned += re;
        }
        return new ResultsView.ResponseRate(invited, sent, returned, percent(returned, sent), groups);
    }

    private ResultsView.QuestionResult question(Question q, List<Count> counts) {
        List<Count> mine = counts.stream().filter(c -> c.question().equals(q.key())).toList();
        long answered = sum(mine, c -> c.row().isEmpty() && c.option().equals(ANSWERED));
        if (Question.TEXT.equals(q.type())) {
            return new ResultsView.QuestionResult(q.key(), q.type(), q.text(), answered, null, null, null, null);
        }
        if (Question.MATRIX.equals(q.type())) {
            List<ResultsView.RowResult> rows = new ArrayList<>();
            for (Question.Choice row : q.rows()) {
                List<Count> cells = mine.stream().filter(c -> c.row().equals(row.key())).toList();
                long rowAnswered = sum(cells, c -> true);
                List<ResultsView.OptionCount> options = options(q, cells, rowAnswered);
                rows.add(new ResultsView.RowResult(row.key(), row.label(), rowAnswered, options,
                        q.appraisalScale() ? satisfactionOf(options) : null, q.numericScale() ? average(options) : null));
            }
            return new ResultsView.QuestionResult(q.key(), q.type(), q.text(), answered, null,
                    q.appraisalScale() ? satisfactionOf(rows.stream().flatMap(r -> r.options().stream()).toList()) : null,
                    null, rows);
        }
        List<ResultsView.OptionCount> options = options(q, mine.stream().filter(c -> c.row().isEmpty()).toList(), answered);
        return new ResultsView.QuestionResult(q.key(), q.type(), q.text(), answered, options,
                q.appraisalScale() ? satisfactionOf(options) : null, q.numericScale() ? average(options) : null, null);
    }

    private static List<ResultsView.OptionCount> options(Question q, List<Count> cells, long base) {
        List<ResultsView.OptionCount> out = new ArrayList<>();
        for (Question.Choice o : q.effectiveOptions()) {
            long n = sum(cells, c -> c.option().equals(o.key()));
            out.add(new ResultsView.OptionCount(o.key(), o.label(), n, percent(n, base)));
        }
        return out;
    }

    /** (满意 + 基本满意) ÷ every appraisal rating of the survey (appraisal questions and appraisal matrices). */
    private static Double satisfaction(List<Question> questions, List<Count> counts) {
        List<String> keys = questions.stream().filter(Question::appraisalScale).map(Question::key).toList();
        long good = sum(counts, c -> keys.contains(c.question()) && isGood(c.option()));
        long all = sum(counts, c -> keys.contains(c.question()) && isRating(c.option()));
        return percent(good, all);
    }

    private static List<ResultsView.Breakdown> breakdown(List<Question> questions, List<Count> counts,
            java.util.function.Function<Count, String> by) {
        Map<String, List<Count>> groups = counts.stream().collect(Collectors.groupingBy(by, TreeMap::new, Collectors.toList()));
        List<ResultsView.Breakdown> out = new ArrayList<>();
        groups.forEach((key, cs) -> out.add(new ResultsView.Breakdown(key, sum(cs, c -> c.question().equals(ANSWERS)),
                satisfaction(questions, cs))));
        return out;
    }

    private static Double satisfactionOf(List<ResultsView.OptionCount> options) {
        long good = options.stream().filter(o -> isGood(o.key())).mapToLong(ResultsView.OptionCount::count).sum();
        long all = options.stream().mapToLong(ResultsView.OptionCount::count).sum();
        return percent(good, all);
    }

    private static Double average(List<ResultsView.OptionCount> options) {
        long n = options.stream().mapToLong(ResultsView.OptionCount::count).sum();
        if (n == 0) {
            return null;
        }
        double total = options.stream().mapToDouble(o -> Integer.parseInt(o.key()) * (double) o.count()).sum();
        return BigDecimal.valueOf(total / n).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static boolean isGood(String option) {
        return Question.SATISFIED.equals(option) || Question.BASICALLY_SATISFIED.equals(option);
    }

    private static boolean isRating(String option) {
        return isGood(option) || Question.DISSATISFIED.equals(option);
    }

    static Double percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part * 100.0 / whole).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    private static long sum(List<Count> counts, Predicate<Count> which) {
        return counts.stream().filter(which).mapToLong(Count::n).sum();
    }

    private List<Question> questions(SurveyEntity s) {
        try {
            return json.readValue(s.questions, new TypeReference<List<Question>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("Stored questions of survey " + s.id + " are unreadable", e);
        }
    }
}
