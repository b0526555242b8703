package io.zhengfeng.inspection.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.zhengfeng.inspection.persistence.ItemEntity;
import io.zhengfeng.inspection.persistence.TemplateEntity;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.Roles;

/**
 * Check templates. A template is never changed: adding one with an existing code makes its next
 * version, so an inspection planned with version 1 keeps reading version 1's wording.
 */
@ApplicationScoped
public class Templates {
    public static final String SIX_CHECKS = "six-checks";

    public record NewItem(String label, String check, String look, String pledge) {
    }

    public record NewTemplate(String code, String title, String source, List<NewItem> items) {
    }

    private final Access access;
    private final AuditTrail audit;

    public Templates(Access access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
    }

    public List<Views.Template> list(String code) {
        List<TemplateEntity> all = code == null
                ? TemplateEntity.list("order by code, version")
                : TemplateEntity.list("code = ?1 order by version", code);
        return all.stream().map(Templates::view).toList();
    }

    public Views.Template get(String id) {
        return view(find(id));
    }

    public static TemplateEntity find(String id) {
        TemplateEntity t = TemplateEntity.findById(id);
        if (t == null) {
            throw ProblemException.notFound("Template " + id);
        }
        return t;
    }

    /** The newest version of a code. */
    public static TemplateEntity latest(String code) {
        TemplateEntity t = TemplateEntity.find("code = ?1 order by version desc", code).firstResult();
        if (t == null) {
            throw ProblemException.notFound("Template " + code);
        }
        return t;
    }

    @Transactional
    public Views.Template create(NewTemplate in) {
        access.requireAny("Adding a check template", Roles.INSPECTOR, Roles.ADMIN);
        Codes.present("body", in);
        String code = Codes.required("code", in.code(), 64);
        if (!code.matches("[a-z0-9][a-z0-9-]*")) {
            throw ProblemException.badField("code", "lower-case letters, digits and dashes only");
        }
        if (in.items() == null || in.items().isEmpty()) {
            throw ProblemException.badField("items", "at least one item is required");
        }
        TemplateEntity t = new TemplateEntity();
        t.id = UUID.randomUUID().toString();
        t.code = code;
        Integer max = TemplateEntity.find("select max(version) from TemplateEntity where code = ?1", code)
                .project(Integer.class).firstResult();
        t.version = max == null ? 1 : max + 1;
        t.title = Codes.required("title", in.title(), 200);
        t.source = Codes.optional("source", in.source(), 500);
        t.createdBy = access.user().username();
        t.createdAt = Instant.now();
        for (int n = 0; n < in.items().size(); n++) {
            NewItem ni = in.items().get(n);
            String f = "items[" + n + "]";
            Codes.present(f, ni);
            ItemEntity item = new ItemEntity();
            item.id = UUID.randomUUID().toString();
            item.template = t;
            item.position = n + 1;
            item.label = Codes.required(f + ".label", ni.label(), 50);
            item.checkText = Codes.required(f + ".check", ni.check(), 1000);
            item.lookText = Codes.required(f + ".look", ni.look(), 1000);
            item.pledgeText = Codes.required(f + ".pledge", ni.pledge(), 1000);
            t.items.add(item);
        }
        t.persist();
        audit.record("template.create", t.id, AuditTrail.ALLOWED, code + " v" + t.version);
        return view(t);
    }

    public static Views.Template view(TemplateEntity t) {
        return new Views.Template(t.id, t.code, t.version, t.title, t.source, t.createdBy, t.createdAt,
                t.items.stream().map(Templates::item).toList());
    }

    public static Views.Item item(ItemEntity i) {
        return new Views.Item(i.id, i.position, i.label, i.checkText, i.lookText, i.pledgeText);
    }
}
