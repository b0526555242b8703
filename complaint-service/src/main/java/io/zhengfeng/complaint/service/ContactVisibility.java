package io.zhengfeng.complaint.service;

import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.ComplaintEntity;
import io.zhengfeng.platform.pii.Masking;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.security.CurrentUser;
import io.zhengfeng.platform.security.Roles;

/**
 * DESIGN.md "Data protection": full contact only for the spokesperson and leaders, masked for other
 * staff, withheld entirely from the department a confidential report is about. Every read is audited.
 */
@ApplicationScoped
public class ContactVisibility {
    private final PersonalDataCipher cipher;
    private final CurrentUser user;
    private final AuditTrail audit;

    public ContactVisibility(PersonalDataCipher cipher, CurrentUser user, AuditTrail audit) {
        this.cipher = cipher;
        this.user = user;
        this.audit = audit;
    }

    public Views.ContactView contactOf(ComplaintEntity c) {
        if (c.anonymous) {
            return new Views.ContactView("none", null, null, null, null, null);
        }
        if (isAboutCallersDepartment(c)) {
            audit.record("contact.read", c.id, "withheld", "confidential report concerns the reader's department");
            return new Views.ContactView("withheld", null, null, null, null, null);
        }
        if (user.hasAnyRole(Roles.SPOKESPERSON, Roles.LEADER)) {
            audit.record("contact.read", c.id, "full", null);
            return new Views.ContactView("full", cipher.decrypt(c.contactName), cipher.decrypt(c.contactPhone),
                    cipher.decrypt(c.contactIdNumber), cipher.decrypt(c.contactAddress), cipher.decrypt(c.contactEmail));
        }
        audit.record("contact.read", c.id, "masked", null);
        return new Views.ContactView("masked", Masking.name(cipher.decrypt(c.contactName)),
                Masking.phone(cipher.decrypt(c.contactPhone)), Masking.idNumber(cipher.decrypt(c.contactIdNumber)),
                Masking.address(cipher.decrypt(c.contactAddress)), Masking.email(cipher.decrypt(c.contactEmail)));
    }

    /** The complainant's name in clear, for redacting it from text published on the public column. */
    public String nameForRedaction(ComplaintEntity c) {
        return cipher.decrypt(c.contactName);
    }

    private boolean isAboutCallersDepartment(ComplaintEntity c) {
        if (c.kind != Kind.REPORT || !c.confidential) {
            return false;
        }
        String dept = user.department().orElse(null);
        if (dept == null) {
            return false;
        }
        CategoryEntity category = CategoryEntity.findById(c.category);
        return dept.equals(c.department) || dept.equals(c.responsibleDepartment)
                || category != null && Objects.equals(dept, category.department);
    }
}
