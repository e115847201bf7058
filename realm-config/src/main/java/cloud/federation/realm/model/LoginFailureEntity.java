package cloud.federation.realm.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Failed-login counter per user or per client address, shared by every node through the database. */
@Entity
@Table(name = "login_failure")
public class LoginFailureEntity extends PanacheEntityBase {

    @Id
    @Column(name = "subject_key", length = 300)
    public String subjectKey;

    public int failures;

    @Column(name = "last_failure", nullable = false)
    public Instant lastFailure;

    @Column(name = "locked_until")
    public Instant lockedUntil;
}
