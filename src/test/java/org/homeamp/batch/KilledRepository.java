package org.homeamp.batch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Test configuration (added with {@code spring.main.sources}) that simulates a {@code kill -9} at
 * one exact moment: when the n-th partition of a partitioned step has been stored but its execution
 * context is about to be. From then on the job repository is dead, as it is for a killed process:
 * nothing more reaches the batch tables, so they stay exactly as the kill left them (job and
 * manager step STARTED, the partition STARTING with an empty stored context).
 */
@Configuration(proxyBeanMethods = false)
public class KilledRepository {
    private static volatile String workerStep;
    private static volatile int nth;
    private static volatile int seen;
    private static volatile boolean dead;

    /** The process "dies" while storing the context of the {@code n}-th partition of {@code worker}. */
    public static void arm(String worker, int n) {
        workerStep = worker;
        nth = n;
        seen = 0;
        dead = false;
    }

    public static void disarm() {
        workerStep = null;
        dead = false;
    }

    public static boolean killed() {
        return dead;
    }

    /** What the killed process would have thrown, had it been alive: nothing; here it stops the job thread. */
    public static final class Killed extends Error {
        Killed(String message) {
            super(message);
        }
    }

    @Bean
    static BeanPostProcessor killableJobRepository() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof JobRepository)) {
                    return bean;
                }
                return Proxy.newProxyInstance(KilledRepository.class.getClassLoader(), ClassUtils.getAllInterfaces(bean), (proxy, method, args) -> {
                    if (dead) {
                        throw new Killed("the process is gone");
                    }
                    if (method.getName().equals("updateExecutionContext") && args != null && args[0] instanceof StepExecution s
                            && workerStep != null && s.getStepName().startsWith(workerStep + ":") && s.getStatus() == BatchStatus.STARTING
                            && ++seen == nth) {
                        dead = true;
                        throw new Killed("killed before the context of " + s.getStepName() + " was stored");
                    }
                    try {
                        return method.invoke(bean, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
            }
        };
    }
}
