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

@Entity
@Table(name = "inspection_answer")
@IdClass(AnswerEntity.Key.class)
public class AnswerEntity extends PanacheEntityBase {
    @Id
    @Column(name = "inspection_id")
    public String inspectionId;
    @Id
    @Column(name = "item_id")
    public String itemId;
    /** compliant | finding | not_applicable */
    public String result;
    public String note;
    @Column(name = "answered_by")
    public String answeredBy;
    @Column(name = "answered_at")
    public Instant answeredAt;

    public static class Key implements java.io.Serializable {
        public String inspectionId;
        public String itemId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(k.inspectionId, inspectionId)
                    && java.util.Objects.equals(k.itemId, itemId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(inspectionId, itemId);
        }
    }
}
