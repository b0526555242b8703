package io.zhengfeng.inspection.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.inspection.persistence.FindingEntity;
import io.zhengfeng.inspection.persistence.InspectionEntity;
import io.zhengfeng.inspection.persistence.OrderEntity;
import io.zhengfeng.platform.security.Roles;

/** The leading group's overview: where inspections, findings and rectification orders stand. */
@ApplicationScoped
public class Dashboard {
    public record Figures(Map<String, Long> inspectionsByType, Map<String, Long> inspectionsByStatus, long findingsOpen,
            long findingsClosed, long ordersOpen, long ordersReported, long ordersClosed, long ordersOverdue) {
    }

    private final Access access;

    public Dashboard(Access access) {
        this.access = access;
    }

    public Figures figures() {
        access.requireAny("The dashboard", Roles.LEADER, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN);
        Map<String, Long> byType = new LinkedHashMap<>();
        Codes.TYPES.forEach(t -> byType.put(t, InspectionEntity.count("type", t)));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String s : new String[] { "planned", "in_progress", "completed" }) {
            byStatus.put(s, InspectionEntity.count("status", s));
        }
        return new Figures(byType, byStatus, FindingEntity.count("status", "open"), FindingEntity.count("status", "closed"),
                OrderEntity.count("status", "open"), OrderEntity.count("status", "reported"), OrderEntity.count("status", "closed"),
                OrderEntity.count("overdue = true and status <> 'closed'"));
    }
}
