package org.crampadvisor.api;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which HTTP methods each path of the service's JAX-RS resources answers, read from the resources
 * themselves, so that {@code Allow} (on 405 and OPTIONS) names exactly the methods that then work.
 */
@ApplicationScoped
public class ResourceMethods {

    /** The order methods are listed in {@code Allow}. */
    private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private record Template(Pattern pattern, Set<String> methods) {
    }

    private final BeanManager beans;
    private volatile List<Template> templates;

    ResourceMethods(BeanManager beans) {
        this.beans = beans;
    }

    void index(@Observes StartupEvent event) {
        templates();
    }

    /** The methods a path answers, in {@code Allow} order; empty when no resource has the path. */
    public List<String> allowed(String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Set<String> methods = new LinkedHashSet<>();
        for (Template template : templates()) {
            if (template.pattern().matcher(normalised).matches()) {
                methods.addAll(template.methods());
            }
        }
        if (methods.isEmpty()) {
            return List.of();
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return ORDER.stream().filter(methods::contains).toList();
    }

    private List<Template> templates() {
        List<Template> known = templates;
        if (known == null) {
            known = scan();
            templates = known;
        }
        return known;
    }

    private List<Template> scan() {
        TreeMap<String, Set<String>> byPath = new TreeMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = join(root.value(), sub == null ? "" : sub.value());
                byPath.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(verb);
            }
        }
        List<Template> result = new ArrayList<>();
        byPath.forEach((path, methods) -> result.add(new Template(regex(path), Set.copyOf(methods))));
        return List.copyOf(result);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code /a/{id}/b} as a pattern; a parameter matches one path segment. */
    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }
}
