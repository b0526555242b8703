package io.zhengfeng.complaint.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * On-time and satisfaction figures per department (the public column and the self-inspection
 * report quote them). 满意率 = (satisfied + basically satisfied) ÷ rated.
 */
@ApplicationScoped
public class ComplaintStatistics {
    private static final String SQL = """
            SELECT COALESCE(department, 'unassigned') AS dept,
                   COUNT(*),
                   SUM(CASE WHEN accepted_on_time IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN accepted_on_time THEN 1 ELSE 0 END),
                   SUM(CASE WHEN replied_on_time IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN replied_on_time THEN 1 ELSE 0 END),
                   SUM(CASE WHEN overdue AND status IN ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN status = 'CLOSED' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN rating IN ('SATISFIED', 'BASICALLY_SATISFIED') THEN 1 ELSE 0 END)
              FROM complaint
             WHERE submitted_at >= ?1 AND submitted_at < ?2 AND (?3 IS NULL OR department = ?3)
             GROUP BY dept
             ORDER BY dept
            """;

    private final EntityManager em;

    public ComplaintStatistics(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Views.Stats forPeriod(Instant from, Instant to, String department) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL).setParameter(1, from).setParameter(2, to)
                .setParameter(3, department).getResultList();
        List<Views.DepartmentStats> departments = new ArrayList<>();
        long[] sum = new long[9];
        for (Object[] row : rows) {
            long[] n = new long[9];
            for (int i = 0; i < 9; i++) {
                n[i] = row[i + 1] == null ? 0 : ((Number) row[i + 1]).longValue();
                sum[i] += n[i];
            }
            departments.add(stats((String) row[0], n));
        }
        return new Views.Stats(from, to, stats("all", sum), departments);
    }

    private static Views.DepartmentStats stats(String department, long[] n) {
        return new Views.DepartmentStats(department, n[0], n[1], n[2], rate(n[2], n[1]), n[3], n[4], rate(n[4], n[3]),
                n[5], n[6], n[7], n[8], rate(n[8], n[7]));
    }

    /** Percent with one decimal; null when nothing was counted (0 of 0 is no rate at all). */
    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
