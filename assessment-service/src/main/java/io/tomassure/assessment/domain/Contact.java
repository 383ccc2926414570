package io.tomassure.assessment.domain;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person an organisation names for a TOM contact role (owner, SIRO, CSO, agreement signatory, ...). */
@Entity
public class Contact extends PanacheEntityBase {

    /** The TOM contact log's roles. */
    public enum Role {
        OWNER, PROJECT_BOARD_EXECUTIVE, PROJECT_MANAGER, ICT_MANAGER, USER_REPRESENTATIVE, SIRO, CLINICAL_SAFETY_OFFICER,
        END_USER_POLICY_SIGNATORY, TECHNICAL_CONTACT, EXECUTIVE_SPONSOR, CONNECTION_AGREEMENT_SIGNATORY,
        PROGRAMME_HEAD, SOLUTION_ASSURANCE, CLINICAL_SAFETY_GROUP, RELEASE_MANAGER, TECHNICAL_ARCHITECT
    }

    @Id
    public UUID id;
    public String odsCode;
    public String role;
    public String name;
    public String email;
    public String phone;

    public static List<Contact> of(String odsCode) {
        return list("odsCode = ?1 order by role, name", odsCode);
    }
}
