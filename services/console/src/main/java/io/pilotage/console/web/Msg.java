package io.pilotage.console.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The console's words, French by default; English in {@code messages/msg_en.properties}. */
@MessageBundle(value = "msg", locale = "fr")
public interface Msg {

    @Message("Pilotage")
    String app();

    @Message("Portefeuille")
    String nav_portfolio();

    @Message("Alertes")
    String nav_alerts();

    @Message("Revues")
    String nav_reviews();

    @Message("Qualité des données")
    String nav_quality();

    @Message("Se déconnecter")
    String logout();

    @Message("English")
    String other_language();

    @Message("Aller au contenu")
    String skip();

    @Message("Connecté : {user} ({roles})")
    String signed_in(String user, String roles);

    @Message("{#when s}{#is 'GREEN'}Conforme{#is 'AMBER'}À surveiller{#is 'RED'}Critique{#else}Sans données{/when}")
    String status(String s);

    @Message("{#when t}{#is 'up'}en hausse{#is 'down'}en baisse{#is 'flat'}stable{#else}—{/when}")
    String trend(String t);

    @Message("Période")
    String period();

    @Message("Afficher")
    String show();

    @Message("Statut")
    String status_filter();

    @Message("Projet")
    String project();

    @Message("Tous")
    String all();

    @Message("Indicateur")
    String kpi();

    @Message("Valeur")
    String value();

    @Message("Cible")
    String target();

    @Message("Tendance")
    String trend_head();

    @Message("12 dernières périodes")
    String sparkline_head();

    @Message("Fraîcheur")
    String freshness();

    @Message("en retard ({age})")
    String late(String age);

    @Message("à jour ({age})")
    String fresh(String age);

    @Message("aucune valeur")
    String no_value();

    @Message("Portefeuille des projets")
    String portfolio_title();

    @Message("Aucun indicateur ne correspond aux filtres.")
    String portfolio_empty();

    @Message("Depuis la dernière revue ({period}, tenue le {held})")
    String since_review(String period, String held);

    @Message("Aucun changement de statut depuis la dernière revue.")
    String since_review_none();

    @Message("Aucune revue tenue pour l'instant.")
    String no_review();

    @Message("Actualisé automatiquement toutes les {seconds} s.")
    String auto_refresh(int seconds);

    @Message("Expliquer")
    String explain();

    @Message("période précédente : {value}")
    String previous_value(String value);

    @Message("Page introuvable")
    String not_found_title();

    @Message("Requête invalide")
    String bad_request_title();

    @Message("Accès refusé")
    String forbidden_title();

    @Message("Service indisponible")
    String unavailable_title();

    @Message("Le paramètre « {name} » vaut « {value} » : attendu {expected}.")
    String bad_parameter(String name, String value, String expected);

    @Message("Retour au portefeuille")
    String back_home();

    @Message("Vous êtes déconnecté.")
    String signed_out();

    @Message("Se connecter")
    String sign_in();

    @Message("Responsable")
    String owner();

    @Message("Fréquence")
    String frequency();

    @Message("Fenêtre")
    String window();

    @Message("Fuseau horaire")
    String zone();

    @Message("Définition")
    String definition();

    @Message("Règle de statut appliquée")
    String status_rule();

    @Message("Échantillon")
    String sample_size();

    @Message("exact")
    String exact();

    @Message("approché (erreur ≤ {bound})")
    String approximate(String bound);

    @Message("Événements comptés par type")
    String events_by_type();

    @Message("Type")
    String type();

    @Message("Nombre")
    String count();

    @Message("Exemples d'événements pris en compte")
    String sample_events();

    @Message("Entités ouvertes en fin de période")
    String open_entities();

    @Message("Dernier événement vu")
    String last_event();

    @Message("Valeur calculée le")
    String computed_at();

    @Message("Historique de la définition")
    String versions();

    @Message("Version")
    String version();

    @Message("Par")
    String by();

    @Message("Le")
    String at();

    @Message("Motif")
    String reason();

    @Message("Série")
    String series();

    @Message("Télécharger en CSV")
    String csv();

    @Message("Ses alertes")
    String its_alerts();

    @Message("Aucune alerte.")
    String no_alerts();

    @Message("État")
    String state();

    @Message("Sévérité")
    String severity();

    @Message("Seuil")
    String threshold();

    @Message("Depuis")
    String since();

    @Message("Acquitter")
    String acknowledge();

    @Message("Commentaire")
    String comment();

    @Message("Mettre en silence")
    String silence();

    @Message("Durée")
    String duration();

    @Message("Acquittée par {by} le {at} : {comment}")
    String acked(String by, String at, String comment);

    @Message("Historique")
    String history();

    @Message("Journal des notifications")
    String notification_log();

    @Message("Valeur d'une période close (historique, jamais notifiée) :")
    String historical_value();

    @Message("instable, notifications retenues")
    String flapping();

    @Message("Destinataire")
    String recipient();

    @Message("Résultat")
    String outcome();

    @Message("Envoyée le")
    String sent_at();

    @Message("Toutes les alertes")
    String alerts_title();

    @Message("Filtrer")
    String filter();

    @Message("Alerte acquittée.")
    String acked_done();

    @Message("Silence créé jusqu'au {until}.")
    String silenced_done(String until);

    @Message("Graphique de {name} : valeurs, cible et seuils")
    String chart_label(String name);

    @Message("Comités")
    String committees();

    @Message("Membres")
    String members();

    @Message("Revue")
    String review();

    @Message("Tenue le")
    String held_on();

    @Message("Décisions")
    String decisions();

    @Message("Actions")
    String actions();

    @Message("Échéance")
    String due();

    @Message("en retard")
    String overdue();

    @Message("Tableau figé (au moment de la revue)")
    String frozen();

    @Message("Tableau actuel")
    String live();

    @Message("Dossier imprimable")
    String pack();

    @Message("Aucune revue.")
    String no_reviews();

    @Message("Sources")
    String sources();

    @Message("Taux de conformité")
    String pass_rate();

    @Message("Quarantaine")
    String quarantine();

    @Message("reçus")
    String received();

    @Message("acceptés")
    String accepted();

    @Message("rejetés")
    String rejected();

    @Message("Rejouer")
    String replay();

    @Message("Écarter")
    String discard();

    @Message("Corriger")
    String fix();

    @Message("Règles de statut : conforme quand la cible est atteinte, à surveiller entre la cible et le seuil critique, critique au-delà.")
    String status_legend();

    @Message("Ouvrir le projet")
    String open_project();

    @Message("Détail de l'indicateur")
    String kpi_title();

    @Message("précédente")
    String prev_period();

    @Message("suivante")
    String next_period();

    @Message("Mesure")
    String measure();

    @Message("un an plus tôt")
    String previous_year();

    @Message("annotations : {list}")
    String annotations(String list);

    @Message("Projection")
    String forecast_head();

    @Message("prévu")
    String projected();

    @Message("Projection à la fin de la période")
    String forecast_title();

    @Message("Projection (intervalle à 80 %)")
    String forecast_cone();

    @Message("Valeur prévue")
    String forecast_value();

    @Message("Intervalle à 80 %")
    String forecast_interval();

    @Message("{low} – {high}")
    String forecast_range(String low, String high);

    @Message("non estimé")
    String forecast_no_interval();

    @Message("{elapsed} j écoulés, {remaining} j restants")
    String forecast_days(int elapsed, int remaining);

    @Message("{#if days == 0}franchit le seuil critique aujourd'hui{#else if days == 1}franchit le seuil critique demain{#else}franchit le seuil critique dans {days} jours{/if}")
    String crosses_critical(Integer days);

    @Message("pire que maintenant")
    String forecast_worse();

    @Message("{#when m}{#is 'seasonal'}la valeur à ce jour plus les jours restants, chacun au niveau récent corrigé du jour de la semaine{#is 'level'}la valeur à ce jour et les jours restants au niveau récent ; l'intervalle vient de la dispersion des jours{#is 'union-growth'}la valeur à ce jour plus ce que l'union a gagné sur autant de jours passés{#is 'carried'}la valeur à ce jour reportée jusqu'à la fin{#is 'final'}la valeur finale (période close){#else}aucune donnée pour projeter{/when}")
    String forecast_method(String m);

    @Message("Méthode")
    String method();
}
