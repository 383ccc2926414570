package io.tomassure.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Kubernetes YAML read into fabric8's typed models, and the fields those models did not recognise. */
final class Manifests {

    /** The kinds these manifests may contain, by apiVersion/kind; anything else is a mistake or needs a model here. */
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class);

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private Manifests() {
    }

    /** Every document of a (multi-document) YAML file, typed. */
    static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode document : Repo.YAML.readerFor(JsonNode.class).<JsonNode> readValues(file.toFile()).readAll()) {
            if (document == null || document.isNull() || document.isEmpty()) {
                continue;
            }
            resources.add(read(document, file.getFileName() + " document " + (resources.size() + 1)));
        }
        return resources;
    }

    static HasMetadata read(JsonNode document, String where) throws IOException {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> model = TYPES.get(type);
        if (model == null) {
            throw new IllegalArgumentException(where + ": unexpected apiVersion/kind " + type);
        }
        return Repo.YAML.treeToValue(document, model);
    }

    /**
     * Paths of every field the typed model did not know. fabric8 keeps unknown fields in
     * {@code additionalProperties} instead of failing, so a misspelt or misplaced field (which the API server would
     * drop or refuse) is only visible there. Walks every nested model object, list and map.
     */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, model.getClass().getSimpleName(), found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
        } else if (value != null && value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
            for (Method getter : value.getClass().getMethods()) {
                if (!isPropertyGetter(getter)) {
                    continue;
                }
                Object property = invoke(getter, value);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) property).keySet().forEach(key -> found.add(path + "." + key));
                } else {
                    walk(property, path + "." + getter.getName().substring(3), found);
                }
            }
        }
    }

    /** Getters of nested models, lists and maps only: computed getters (numbers, strings) are not walked. */
    private static boolean isPropertyGetter(Method m) {
        Class<?> type = m.getReturnType();
        return m.getName().startsWith("get") && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                && (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                        || type.getPackageName().startsWith(MODEL_PACKAGE));
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
