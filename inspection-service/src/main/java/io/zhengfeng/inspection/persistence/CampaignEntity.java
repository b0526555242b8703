package io.zhengfeng.inspection.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.*;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A yearly appraisal campaign: its plan, bodies, phases and the task force's report texts. */
@Entity
@Table(name = "campaign")
public class CampaignEntity extends PanacheEntityBase {
    @Id
    public String id;
    public int year;
    public String title;
    @Column(name = "plan_text")
    public String planText;
    @Column(name = "current_phase")
    public String currentPhase;
    @Column(name = "report_problems")
    public String reportProblems;
    @Column(name = "report_causes")
    public String reportCauses;
    @Column(name = "report_next_steps")
    public String reportNextSteps;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
    @OneToMany(mappedBy = "campaign", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("position")
    public List<PhaseEntity> phases = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "campaign_member", joinColumns = @JoinColumn(name = "campaign_id"))
    public Set<Member> members = new LinkedHashSet<>();

    @Embeddable
    public static class Member {
        /** leading_group | task_force */
        public String body;
        public String username;
        public String duty;

        public Member() {
        }

        public Member(String body, String username, String duty) {
            this.body = body;
            this.username = username;
            this.duty = duty;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Member m && m.body.equals(body) && m.username.equals(username);
        }

        @Override
        public int hashCode() {
            return body.hashCode() * 31 + username.hashCode();
        }
    }
}
