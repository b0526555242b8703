package io.zhengfeng.testing;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;

/**
 * Chooses, once per test JVM, where the real database and broker come from: Testcontainers
 * (MySQL 8.4 and apache/kafka) when a Docker engine answers, so the production database is
 * tested on a laptop; otherwise the local MariaDB and an in-JVM KRaft broker.
 */
final class TestInfrastructure {
    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class);
    private static volatile Boolean docker;

    static boolean useContainers() {
        if (docker == null) {
            synchronized (TestInfrastructure.class) {
                if (docker == null) {
                    boolean forcedLocal = "local".equalsIgnoreCase(System.getenv("ZF_TEST_INFRA"));
                    docker = !forcedLocal && dockerAnswers();
                    LOG.infof("Test infrastructure: %s", docker
                            ? "Testcontainers (MySQL 8.4, apache/kafka)"
                            : "local MariaDB/MySQL and an in-JVM Apache Kafka KRaft broker");
                }
            }
        }
        return docker;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private TestInfrastructure() {
    }
}
