package io.zhengfeng.inspection.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.zhengfeng.inspection.persistence.ActivityEntity;
import io.zhengfeng.inspection.persistence.SupervisorEntity;
import io.zhengfeng.platform.pii.Masking;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * The registry of conduct supervisors (政风行风监督员) and their visits, talks and opinions. Name and
 * contact are personal data: stored encrypted (AES-GCM, as complaint-service), shown in full only
 * to leaders and admins (each such read audited), masked for everyone else.
 */
@ApplicationScoped
public class Supervisors {
    public record NewSupervisor(String name, String organisation, LocalDate termStart, LocalDate termEnd, String contact,
            String username) {
    }

    public record NewActivity(String kind, LocalDate occurredOn, String department, String place, String content) {
    }

    private final Access access;
    private final AuditTrail audit;
    private final PersonalDataCipher cipher;
    private final Findings findings;

    public Supervisors(Access access, AuditTrail audit, PersonalDataCipher cipher, Findings findings) {
        this.access = access;
        this.audit = audit;
        this.cipher = cipher;
        this.findings = findings;
    }

    @Transactional
    public Views.Supervisor register(NewSupervisor in) {
        access.requireAny("Appointing a supervisor", Roles.INSPECTOR, Roles.LEADER, Roles.ADMIN);
        Codes.present("body", in);
        SupervisorEntity s = new SupervisorEntity();
        s.id = UUID.randomUUID().toString();
        String name = Codes.required("name", in.name(), 100);
        s.nameEnc = cipher.encrypt(name);
        s.nameMasked = Masking.name(name);
        s.organisation = Codes.required("organisation", in.organisation(), 200);
        s.termStart = Codes.present("termStart", in.termStart());
        s.termEnd = Codes.present("termEnd", in.termEnd());
        if (s.termEnd.isBefore(s.termStart)) {
            throw ProblemException.badField("termEnd", "is before termStart");
        }
        s.contactEnc = cipher.encrypt(Codes.optional("contact", in.contact(), 200));
        s.username = Codes.optional("username", in.username(), 100);
        s.createdAt = Instant.now();
        s.persist();
        audit.record("supervisor.register", s.id, AuditTrail.ALLOWED, null);
        return view(s);
    }

    @Transactional
    public Paged<Views.Supervisor> list(int page, int size) {
        access.requireAny("The supervisors' registry", Roles.INSPECTOR, Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN);
        var q = SupervisorEntity.<SupervisorEntity>find("order by termStart, createdAt, id");
        return new Paged<>(q.page(io.quarkus.panache.common.Page.of(Paged.pageNumber(page), Paged.pageSize(size))).list()
                .stream().map(this::view).toList(), page, size, q.count());
    }

    @Transactional
    public Views.Supervisor get(String id) {
        access.requireAny("The supervisors' registry", Roles.INSPECTOR, Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN);
        return view(find(id));
    }

    @Transactional
    public Views.Activity record(String supervisorId, NewActivity in) {
        SupervisorEntity s = find(supervisorId);
        requireSelfOrStaff(s);
        Codes.present("body", in);
        ActivityEntity a = new ActivityEntity();
        a.id = UUID.randomUUID().toString();
        a.supervisorId = s.id;
        a.kind = Codes.oneOf("kind", in.kind(), Codes.ACTIVITY_KINDS);
        a.occurredOn = Codes.present("occurredOn", in.occurredOn());
        a.department = Codes.optional("department", in.department(), 64);
        a.place = Codes.optional("place", in.place(), 200);
        a.content = Codes.required("content", in.content(), 20_000);
        a.recordedBy = access.user().username();
        a.recordedAt = Instant.now();
        a.persist();
        audit.record("supervisor.activity", a.id, AuditTrail.ALLOWED, a.kind);
        return view(a);
    }

    public List<Views.Activity> activities(String supervisorId) {
        access.requireAny("Supervisors' activities", Roles.INSPECTOR, Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN);
        find(supervisorId);
        return ActivityEntity.<ActivityEntity>list("supervisorId = ?1 order by occurredOn, recordedAt", supervisorId).stream()
                .map(Supervisors::view).toList();
    }

    /** A finding from a visit, talk or opinion: ordered, verified and closed like an inspector's. */
    @Transactional
    public Views.Finding finding(String supervisorId, String activityId, Findings.NewFinding in) {
        SupervisorEntity s = find(supervisorId);
        requireSelfOrStaff(s);
        ActivityEntity a = ActivityEntity.findById(activityId == null ? "" : activityId);
        if (a == null || !a.supervisorId.equals(s.id)) {
            throw ProblemException.notFound("Activity " + activityId);
        }
        return findings.recordFromActivity(a, in);
    }

    private void requireSelfOrStaff(SupervisorEntity s) {
        boolean self = access.user().hasRole(Roles.SUPERVISOR) && access.user().username().equals(s.username);
        if (!self) {
            access.requireAny("Recording for a supervisor", Roles.INSPECTOR, Roles.ADMIN);
        }
    }

    private static SupervisorEntity find(String id) {
        SupervisorEntity s = id == null ? null : SupervisorEntity.findById(id);
        if (s == null) {
            throw ProblemException.notFound("Supervisor " + id);
        }
        return s;
    }

    private Views.Supervisor view(SupervisorEntity s) {
        boolean full = access.user().hasAnyRole(Roles.LEADER, Roles.ADMIN);
        if (full) {
            audit.record("supervisor.read-personal-data", s.id, AuditTrail.ALLOWED, null);
            return new Views.Supervisor(s.id, cipher.decrypt(s.nameEnc), s.organisation, s.termStart, s.termEnd,
                    cipher.decrypt(s.contactEnc), s.username, false);
        }
        String contact = cipher.decrypt(s.contactEnc);
        return new Views.Supervisor(s.id, s.nameMasked, s.organisation, s.termStart, s.termEnd,
                contact == null ? null : contact.contains("@") ? Masking.email(contact) : Masking.phone(contact), s.username, true);
    }

    private static Views.Activity view(ActivityEntity a) {
        return new Views.Activity(a.id, a.supervisorId, a.kind, a.occurredOn, a.department, a.place, a.content,
                a.recordedBy, a.recordedAt);
    }
}
