package io.zingmonitor.deployment.redaction;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.jandex.DotName;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ApplicationIndexBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.runtime.RuntimeValue;
import io.zingmonitor.deployment.ZingMonitorEnabled;
import io.zingmonitor.deployment.plan.TelemetryPlanBuildItem;
import io.zingmonitor.runtime.plan.TelemetryPlan.SensitiveField;
import io.zingmonitor.runtime.redaction.LogMessageRedactorProducer;
import io.zingmonitor.runtime.redaction.RedactionRecorder;
import io.zingmonitor.runtime.redaction.SensitiveFieldRedactor;

/**
 * Generates a redactor for every payload type that holds a sensitive field named in the telemetry
 * plan, and registers them at static init, so {@code PayloadRedactor.toLogString(...)} and the
 * {@code @Observed} span attributes mask those fields with no reflection at run time; and lets the
 * log filter scan every log message.
 */
@BuildSteps(onlyIf = { ZingMonitorEnabled.class, RedactionEnabled.class })
class RedactionProcessor {

    /** The log filter scans messages only when it finds this scanner. */
    @BuildStep
    AdditionalBeanBuildItem logMessageRedactor() {
        return AdditionalBeanBuildItem.unremovableOf(LogMessageRedactorProducer.class);
    }

    @BuildStep
    void generateRedactors(TelemetryPlanBuildItem plan, ApplicationIndexBuildItem applicationIndex,
            BuildProducer<GeneratedClassBuildItem> generatedClasses,
            BuildProducer<SensitiveFieldRedactorBuildItem> redactors) {
        Map<String, Set<String>> sensitiveByType = plan.getPlan().sensitiveFields().stream()
                .collect(Collectors.groupingBy(SensitiveField::type,
                        Collectors.mapping(SensitiveField::field, Collectors.toSet())));
        var index = applicationIndex.getIndex();
        var generator = new SensitiveFieldRedactorGenerator(index,
                new GeneratedClassGizmoAdaptor(generatedClasses, true));
        for (DotName type : PayloadTypes.needingRedactors(index, sensitiveByType.keySet())) {
            String redactor = generator.generate(index.getClassByName(type),
                    sensitiveByType.getOrDefault(type.toString(), Set.of()));
            redactors.produce(new SensitiveFieldRedactorBuildItem(type.toString(), redactor));
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void registerRedactors(RedactionRecorder recorder, RecorderContext context,
            List<SensitiveFieldRedactorBuildItem> redactors) {
        List<RuntimeValue<SensitiveFieldRedactor>> instances = redactors.stream()
                .map(redactor -> context.<SensitiveFieldRedactor> newInstance(redactor.getRedactorClass()))
                .toList();
        recorder.register(instances);
    }
}
