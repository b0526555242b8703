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

/** One item of a template: 查 (what is checked), 看 (what to look for), 不让 (the pledge). */
@Entity
@Table(name = "check_item")
public class ItemEntity extends PanacheEntityBase {
    @Id
    public String id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "template_id")
    public TemplateEntity template;
    public int position;
    public String label;
    @Column(name = "check_text")
    public String checkText;
    @Column(name = "look_text")
    public String lookText;
    @Column(name = "pledge_text")
    public String pledgeText;
}
