package io.zhengfeng.inspection.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.zhengfeng.inspection.persistence.CampaignEntity;
import io.zhengfeng.inspection.persistence.PhaseEntity;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * Appraisal campaigns: the implementation plan, leading group and task force (gateway usernames),
 * phases with dates and the current phase, and the texts the task force writes for the report.
 */
@ApplicationScoped
public class Campaigns {
    /** The seed's four phases, used when a campaign names none. */
    public static final List<NewPhase> DEFAULT_PHASES = List.of(
            new NewPhase("mobilisation", "宣传发动", null, null),
            new NewPhase("self_inspection", "自查自评", null, null),
            new NewPhase("rectification", "整改", null, null),
            new NewPhase("summary", "总结", null, null));

    public record NewPhase(String code, String name, LocalDate startsOn, LocalDate endsOn) {
    }

    public record NewMember(String username, String duty) {
    }

    public record CampaignInput(Integer year, String title, String planText, List<NewPhase> phases,
            List<NewMember> leadingGroup, List<NewMember> taskForce, String reportProblems, String reportCauses,
            String reportNextSteps) {
    }

    private final Access access;
    private final AuditTrail audit;

    public Campaigns(Access access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    public Views.Campaign create(CampaignInput in) {
        access.requireAny("Creating a campaign", Roles.INSPECTOR, Roles.LEADER, Roles.ADMIN);
        Codes.present("body", in);
        CampaignEntity c = new CampaignEntity();
        c.id = UUID.randomUUID().toString();
        int year = Codes.present("year", in.year());
        if (year < 2000 || year > 2100) {
            throw ProblemException.badField("year", "must be between 2000 and 2100");
        }
        c.year = year;
        c.title = Codes.required("title", in.title(), 200);
        c.createdBy = access.user().username();
        c.createdAt = Instant.now();
        apply(c, in, true);
        c.currentPhase = c.phases.get(0).code;
        c.persist();
        audit.record("campaign.create", c.id, AuditTrail.ALLOWED, c.title);
        return view(c);
    }

    /** Replaces what the input names; fields left null stay as they are. */
    @Transactional
    public Views.Campaign update(String id, CampaignInput in) {
        access.requireAny("Editing a campaign", Roles.INSPECTOR, Roles.LEADER, Roles.ADMIN);
        Codes.present("body", in);
        CampaignEntity c = find(id);
        if (in.year() != null) {
            throw ProblemException.badField("year", "cannot change");
        }
        if (in.title() != null) {
            c.title = Codes.required("title", in.title(), 200);
        }
        apply(c, in, false);
        if (c.phases.stream().noneMatch(p -> p.code.equals(c.currentPhase))) {
            c.currentPhase = c.phases.get(0).code;
        }
        audit.record("campaign.update", c.id, AuditTrail.ALLOWED, null);
        return view(c);
    }

    @Transactional
    public Views.Campaign moveTo(String id, String phase) {
        access.requireAny("Moving a campaign to a phase", Roles.INSPECTOR, Roles.LEADER, Roles.ADMIN);
        CampaignEntity c = find(id);
        String code = Codes.required("phase", phase, 64);
        if (c.phases.stream().noneMatch(p -> p.code.equals(code))) {
            throw ProblemException.badField("phase", "is not a phase of this campaign");
        }
        c.currentPhase = code;
        audit.record("campaign.phase", c.id, AuditTrail.ALLOWED, code);
        return view(c);
    }

    public Views.Campaign get(String id) {
        access.scope();
        return view(find(id));
    }

    public Paged<Views.Campaign> list(int page, int size) {
        access.scope();
        var q = CampaignEntity.<CampaignEntity>find("order by year desc, createdAt desc, id");
        return new Paged<>(q.page(io.quarkus.panache.common.Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list()
                .stream().map(Campaigns::view).toList(), page, size, q.count());
    }

    public static CampaignEntity find(String id) {
        CampaignEntity c = id == null ? null : CampaignEntity.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Campaign " + id);
        }
        return c;
    }

    private void apply(CampaignEntity c, CampaignInput in, boolean creating) {
        if (in.planText() != null) {
            c.planText = Codes.optional("planText", in.planText(), 200_000);
        }
        if (in.phases() != null || creating) {
            List<NewPhase> phases = in.phases() == null || in.phases().isEmpty() ? DEFAULT_PHASES : in.phases();
            c.phases.clear();
            List<String> seen = new ArrayList<>();
            for (int n = 0; n < phases.size(); n++) {
                NewPhase np = phases.get(n);
                String f = "phases[" + n + "]";
                Codes.present(f, np);
                PhaseEntity p = new PhaseEntity();
                p.id = UUID.randomUUID().toString();
                p.campaign = c;
                p.position = n + 1;
                p.code = Codes.required(f + ".code", np.code(), 64);
                if (seen.contains(p.code)) {
                    throw ProblemException.badField(f + ".code", "appears twice");
                }
                seen.add(p.code);
                p.name = Codes.required(f + ".name", np.name(), 100);
                p.startsOn = np.startsOn();
                p.endsOn = np.endsOn();
                if (p.startsOn != null && p.endsOn != null && p.endsOn.isBefore(p.startsOn)) {
                    throw ProblemException.badField(f + ".endsOn", "is before startsOn");
                }
                c.phases.add(p);
            }
        }
        if (in.leadingGroup() != null) {
            replaceMembers(c, "leading_group", "leadingGroup", in.leadingGroup());
        }
        if (in.taskForce() != null) {
            replaceMembers(c, "task_force", "taskForce", in.taskForce());
        }
        if (in.reportProblems() != null) {
            c.reportProblems = Codes.optional("reportProblems", in.reportProblems(), 100_000);
        }
        if (in.reportCauses() != null) {
            c.reportCauses = Codes.optional("reportCauses", in.reportCauses(), 100_000);
        }
        if (in.reportNextSteps() != null) {
            c.reportNextSteps = Codes.optional("reportNextSteps", in.reportNextSteps(), 100_000);
        }
    }

    private static void replaceMembers(CampaignEntity c, String body, String field, List<NewMember> members) {
        c.members.removeIf(m -> m.body.equals(body));
        for (int n = 0; n < members.size(); n++) {
            NewMember m = Codes.present(field + "[" + n + "]", members.get(n));
            String username = Codes.required(field + "[" + n + "].username", m.username(), 100);
            c.members.add(new CampaignEntity.Member(body, username, Codes.optional(field + "[" + n + "].duty", m.duty(), 100)));
        }
    }

    public static Views.Campaign view(CampaignEntity c) {
        return new Views.Campaign(c.id, c.year, c.title, c.planText, c.currentPhase,
                c.phases.stream().map(p -> new Views.Phase(p.code, p.name, p.position, p.startsOn, p.endsOn)).toList(),
                members(c, "leading_group"), members(c, "task_force"), c.reportProblems, c.reportCauses,
                c.reportNextSteps, c.createdAt);
    }

    private static List<Views.Member> members(CampaignEntity c, String body) {
        return c.members.stream().filter(m -> m.body.equals(body)).map(m -> new Views.Member(m.username, m.duty)).toList();
    }
}
