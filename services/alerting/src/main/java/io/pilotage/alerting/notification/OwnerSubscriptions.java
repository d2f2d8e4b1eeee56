package io.pilotage.alerting.notification;

import io.pilotage.alerting.rule.Severity;
import io.pilotage.contracts.definition.KpiDefinition;
import io.pilotage.contracts.definition.ProjectDefinition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The e-mail subscriptions owners get by default. Plain Java.
 *
 * <p>Each owner of a project gets one for every KPI of the project; the owner of a KPI who is not
 * an owner of its project gets one for that KPI. An owner is a Keycloak username (its address and
 * language from {@link Contacts}) or, for a KPI, an e-mail address (the default language). The
 * subscription's id is derived from (project, KPI, owner): every replica computes the same.
 */
public final class OwnerSubscriptions {

    private OwnerSubscriptions() {
    }

    /**
     * How to reach an owner, from configuration: the address of a username is {@code addresses}'
     * entry, else {@code addressTemplate} with {@code <username>} replaced; its language is
     * {@code languages}' entry, else {@code language}.
     */
    public record Contacts(String addressTemplate, String language, Map<String, String> addresses,
                           Map<String, String> languages) {

        public String address(String owner) {
            if (owner.contains("@")) {
                return owner;
            }
            String a = addresses.get(owner);
            return a != null ? a : addressTemplate.replace("<username>", owner);
        }

        public String language(String owner) {
            return languages.getOrDefault(owner, language);
        }
    }

    /** A default subscription: {@code kpi} empty for every KPI of the project. */
    public record Wanted(String project, String kpi, String owner, Subscription subscription) {
    }

    public static String id(String project, String kpi, String owner) {
        return "o-" + UUID.nameUUIDFromBytes((project + "/" + kpi + "/" + owner).getBytes(StandardCharsets.UTF_8));
    }

    public static List<Wanted> wanted(ProjectDefinition project, List<KpiDefinition> kpis, Contacts contacts) {
        List<Wanted> wanted = new ArrayList<>();
        if (project == null) {
            return wanted;
        }
        Set<String> owners = new LinkedHashSet<>();
        project.owners().stream().filter(o -> o != null && !o.isBlank()).forEach(o -> owners.add(o.trim()));
        for (String o : owners) {
            wanted.add(of(project.key(), "", o, contacts));
        }
        kpis.stream().filter(k -> k.owner() != null && !k.owner().isBlank() && !owners.contains(k.owner().trim()))
                .sorted(java.util.Comparator.comparing(KpiDefinition::key))
                .forEach(k -> wanted.add(of(project.key(), k.key(), k.owner().trim(), contacts)));
        return wanted;
    }

    private static Wanted of(String project, String kpi, String owner, Contacts contacts) {
        Subscription s = new Subscription(id(project, kpi, owner), project, kpi.isEmpty() ? null : kpi, Severity.WARNING,
                ChannelType.EMAIL, contacts.address(owner), null, contacts.language(owner));
        return new Wanted(project, kpi, owner, s);
    }
}
