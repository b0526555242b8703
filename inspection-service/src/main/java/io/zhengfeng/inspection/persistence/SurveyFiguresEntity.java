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

/** Read model of a closed survey, from survey-service's events. */
@Entity
@Table(name = "survey_figures")
public class SurveyFiguresEntity extends PanacheEntityBase {
    @Id
    @Column(name = "survey_id")
    public String surveyId;
    public int year;
    public String title;
    @Column(name = "letters_sent")
    public Integer lettersSent;
    @Column(name = "letters_returned")
    public Integer lettersReturned;
    public Integer responses;
    @Column(name = "satisfaction_rate")
    public BigDecimal satisfactionRate;
    @Column(name = "closed_at")
    public Instant closedAt;
}
