package io.tomassure.assessment.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A party to the TOM, identified by its ODS code. One organisation may be both supplier and EUO. */
@Entity
public class Organisation extends PanacheEntityBase {

    public enum Kind {
        SUPPLIER, EUO, NHS_DIGITAL
    }

    @Id
    public String odsCode;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> kinds;
    @Version
    public long version;
    public Instant createdAt;

    public boolean is(Kind kind) {
        return kinds.contains(kind.name());
    }
}
