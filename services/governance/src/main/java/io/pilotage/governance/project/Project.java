package io.pilotage.governance.project;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A project of the portfolio (DESIGN §5.1). */
@Entity
@Table(name = "project")
public class Project {

    @Id
    public String key;
    public String name;
    public String objective;
    public String sponsor;
    public String owner;
    public String status;
}
