package org.homeamp.mail;

import java.time.Clock;

import org.homeamp.config.HomeAmpSettings;
import org.homeamp.report.ReportQueries;
import org.homeamp.report.ReportTemplates;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the {@code mail} step that nightly runs last (SPEC §9, §11), and of the deployment mail
 * that the deploy and rollback jobs send when they finish. Spring Boot provides the
 * {@link JavaMailSender} only when {@code spring.mail.host} is set; without one the step writes to the outbox.
 */
@Configuration
public class MailJobConfig {

    @Bean
    public Step mailStep(JobRepository repo, PlatformTransactionManager tx, ReportMailer reportMailer) {
        return new StepBuilder("mail", repo).tasklet(reportMailer, tx).build();
    }

    @Bean
    public ReportMailer reportMailer(HomeAmpSettings settings, ReportQueries reportQueries, ReportTemplates reportTemplates,
            ObjectProvider<JavaMailSender> mailSender, JdbcTemplate jdbc, PlatformTransactionManager tx, Environment env) {
        TransactionTemplate own = new TransactionTemplate(tx);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String server = env.getProperty("spring.mail.host", "") + ":" + env.getProperty("spring.mail.port", "25");
        return new ReportMailer(settings, reportQueries, reportTemplates, mailSender.getIfAvailable(), server, new MailLedger(jdbc), own,
                Clock.systemUTC());
    }

    /** The mail of each deployment and rollback, called by the deploy job's finish step (same recipients, SMTP and outbox). */
    @Bean
    public DeploymentMailer deploymentMailer(HomeAmpSettings settings, ReportTemplates reportTemplates, ObjectProvider<JavaMailSender> mailSender,
            JdbcTemplate jdbc, PlatformTransactionManager tx, Environment env) {
        TransactionTemplate own = new TransactionTemplate(tx);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        String server = env.getProperty("spring.mail.host", "") + ":" + env.getProperty("spring.mail.port", "25");
        return new DeploymentMailer(settings, reportTemplates, new MailDelivery(settings, mailSender.getIfAvailable(), server, new MailLedger(jdbc), own),
                Clock.systemUTC());
    }
}
