package io.zingmonitor.deployment.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import io.zingmonitor.ProblemDetail;
import io.zingmonitor.ProblemException;
import io.zingmonitor.runtime.problem.JsonBodyProblemMapper;
import io.zingmonitor.runtime.problem.ProblemExceptionMapper;
import io.zingmonitor.runtime.problem.UnhandledExceptionMapper;
import io.zingmonitor.runtime.problem.ValidationProblemMapper;
import io.zingmonitor.runtime.problem.WebApplicationProblemMapper;
import io.zingmonitor.deployment.ZingMonitorEnabled;

/**
 * Answers every error of the REST layer as RFC 9457 problem+json ({@code zingmonitor.problem.enabled}),
 * when the service has Quarkus REST; the problem types join the index either way, as services name
 * them in their OpenAPI annotations.
 */
@BuildSteps(onlyIf = ZingMonitorEnabled.class)
class ProblemDetailsProcessor {

    /**
     * Ahead of the mappers Quarkus REST, Jackson and Hibernate Validator register for the same
     * exception types, which answer in their own formats.
     */
    private static final int PRIORITY = Priorities.USER - 100;

    /** The mappers are REST's: a service without Quarkus REST gets none of them, and still builds. */
    @BuildStep(onlyIf = ProblemDetailsEnabled.class)
    void problemBeans(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.REST)) {
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(UnhandledExceptionMapper.class)
                    .setUnremovable()
                    .build());
        }
    }

    /**
     * Only the problem types join the index (not the whole runtime jar, whose beans must stay out
     * when ZingMonitor is disabled): OpenAPI documents and native builds then see the response schema.
     */
    @BuildStep
    AdditionalIndexedClassesBuildItem problemTypesInIndex() {
        return new AdditionalIndexedClassesBuildItem(ProblemDetail.class.getName(), ProblemDetail.FieldError.class.getName());
    }

    @BuildStep(onlyIf = ProblemDetailsEnabled.class)
    void problemMappers(Capabilities capabilities, BuildProducer<ExceptionMapperBuildItem> mappers) {
        if (!capabilities.isPresent(Capability.REST)) {
            return;
        }
        register(mappers, ProblemExceptionMapper.class, ProblemException.class);
        register(mappers, ValidationProblemMapper.class, ConstraintViolationException.class);
        register(mappers, JsonBodyProblemMapper.class, JsonProcessingException.class);
        register(mappers, JsonBodyProblemMapper.class, MismatchedInputException.class);
        register(mappers, WebApplicationProblemMapper.class, WebApplicationException.class);
        register(mappers, UnhandledExceptionMapper.class, Throwable.class);
    }

    private static void register(BuildProducer<ExceptionMapperBuildItem> mappers, Class<?> mapper,
            Class<? extends Throwable> handled) {
        mappers.produce(new ExceptionMapperBuildItem.Builder(mapper.getName(), handled.getName())
                .setPriority(PRIORITY)
                .setRegisterAsBean(true)
                .build());
    }
}
