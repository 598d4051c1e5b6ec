package org.crampadvisor.engine;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule's consequence inserts, read from its Java code with JavaParser (the parser the Drools
 * executable model uses): the types of the facts it inserts, and the string literals it passes as
 * finding codes and reasons, each located in the DRL file.
 *
 * @param rule           the rule
 * @param readable       whether the consequence could be read; if not, what it inserts is unknown
 * @param insertedTypes  simple names of the types inserted whose type can be told
 * @param allInsertsKnown whether the type of every insert could be told
 * @param literals       string literals passed to the model's constructors and factories, by the parameter
 *                       they are passed as ({@code CauseEvidence.finding}, {@code AdviceReason.because})
 * @param wordedFindings finding codes whose wording the rule writes itself (the four-argument factories)
 * @param inserts        each insert whose type can be told, with the arguments that can be read from the code
 */
public record ConsequenceOutline(DrlOutline.RuleDeclaration rule, boolean readable, List<String> insertedTypes,
                                 boolean allInsertsKnown, List<Literal> literals, List<Literal> wordedFindings,
                                 List<Insert> inserts) {

    private static final String MODEL_PACKAGE = "org.crampadvisor.model.";
    private static final JavaParser PARSER = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));

    /**
     * A string literal in a consequence.
     *
     * @param parameter {@code Type.parameter} it is passed as, e.g. {@code CauseEvidence.finding}
     * @param value     its value
     * @param line      1-based line in the DRL file
     * @param column    1-based column of its opening quote
     */
    public record Literal(String parameter, String value, int line, int column) {
    }

    /**
     * One fact a consequence inserts.
     *
     * @param type      its type's simple name, e.g. {@code CauseEvidence}
     * @param arguments what it is made with, by parameter name, where the code names it: a string literal's
     *                  value, or a model constant's name ({@code CauseCode.ELECTROLYTE_IMBALANCE} gives
     *                  {@code ELECTROLYTE_IMBALANCE}); a parameter computed at run time is absent
     */
    public record Insert(String type, Map<String, String> arguments) {
    }

    public static ConsequenceOutline of(DrlOutline.RuleDeclaration rule) {
        BlockStmt block;
        try {
            // The consequence on lines of its own, so that the parser's lines map straight onto the file's.
            block = PARSER.parseBlock("{\n" + rule.consequence() + "\n}").getResult().orElseThrow(
                    () -> new ParseProblemException(List.of()));
        } catch (RuntimeException e) {
            return new ConsequenceOutline(rule, false, List.of(), false, List.of(), List.of(), List.of());
        }
        Map<String, String> variableTypes = new HashMap<>();
        block.findAll(VariableDeclarator.class).forEach(v -> variableTypes.put(v.getNameAsString(), v.getTypeAsString()));

        List<String> inserted = new ArrayList<>();
        List<Insert> inserts = new ArrayList<>();
        boolean allKnown = true;
        for (MethodCallExpr call : block.findAll(MethodCallExpr.class)) {
            if ((call.getNameAsString().equals("insert") || call.getNameAsString().equals("insertLogical"))
                    && call.getScope().isEmpty() && call.getArguments().size() == 1) {
                String type = typeOf(call.getArgument(0), variableTypes);
                if (type == null) {
                    allKnown = false;
                } else {
                    inserted.add(type);
                    inserts.add(new Insert(type, arguments(call.getArgument(0))));
                }
            }
        }
        List<Literal> literals = new ArrayList<>();
        List<Literal> worded = new ArrayList<>();
        for (ObjectCreationExpr creation : block.findAll(ObjectCreationExpr.class)) {
            modelClass(creation.getType().getNameAsString()).ifPresent(type -> {
                for (var constructor : type.getConstructors()) {
                    if (constructor.getParameterCount() == creation.getArguments().size()) {
                        addLiterals(rule, type, constructor.getParameters(), creation.getArguments(), literals);
                    }
                }
            });
        }
        for (MethodCallExpr call : block.findAll(MethodCallExpr.class)) {
            if (!(call.getScope().orElse(null) instanceof NameExpr scope)) {
                continue;
            }
            modelClass(scope.getNameAsString()).ifPresent(type -> {
                Method method = factory(type, call.getNameAsString(), call.getArguments().size());
                if (method == null) {
                    return;
                }
                List<Literal> passed = addLiterals(rule, type, method.getParameters(), call.getArguments(), literals);
                boolean writesWording = java.util.Arrays.stream(method.getParameters())
                        .anyMatch(p -> p.getName().equals("text"));
                if (writesWording) {
                    passed.stream().filter(l -> l.parameter().endsWith(".finding")).forEach(worded::add);
                }
            });
        }
        return new ConsequenceOutline(rule, true, List.copyOf(inserted), allKnown, List.copyOf(literals),
                List.copyOf(worded), List.copyOf(inserts));
    }

    /** The arguments of an inserted {@code new Type(...)} or {@code Type.factory(...)} that the code names. */
    private static Map<String, String> arguments(Expression inserted) {
        java.lang.reflect.Parameter[] parameters = null;
        List<Expression> arguments = List.of();
        if (inserted instanceof ObjectCreationExpr creation) {
            Class<?> type = modelClass(creation.getType().getNameAsString()).orElse(null);
            if (type != null) {
                for (var constructor : type.getConstructors()) {
                    if (constructor.getParameterCount() == creation.getArguments().size()) {
                        parameters = constructor.getParameters();
                    }
                }
            }
            arguments = creation.getArguments();
        } else if (inserted instanceof MethodCallExpr call && call.getScope().orElse(null) instanceof NameExpr scope) {
            Method method = modelClass(scope.getNameAsString())
                    .map(type -> factory(type, call.getNameAsString(), call.getArguments().size())).orElse(null);
            parameters = method == null ? null : method.getParameters();
            arguments = call.getArguments();
        }
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; parameters != null && i < parameters.length && i < arguments.size(); i++) {
            String value = constantValue(arguments.get(i));
            if (value != null) {
                named.put(parameters[i].getName(), value);
            }
        }
        return Map.copyOf(named);
    }

    /** A string literal's value, or the name of a model constant such as {@code CauseCode.ELECTROLYTE_IMBALANCE}. */
    private static String constantValue(Expression argument) {
        if (argument instanceof StringLiteralExpr literal) {
            return literal.getValue();
        }
        if (argument instanceof FieldAccessExpr access && access.getScope() instanceof NameExpr scope
                && modelClass(scope.getNameAsString()).filter(Class::isEnum).isPresent()) {
            return access.getNameAsString();
        }
        return null;
    }

    /** Adds the string literals passed for the parameters, and returns them. */
    private static List<Literal> addLiterals(DrlOutline.RuleDeclaration rule, Class<?> type,
                                             java.lang.reflect.Parameter[] parameters, List<Expression> arguments,
                                             List<Literal> literals) {
        List<Literal> passed = new ArrayList<>();
        for (int i = 0; i < parameters.length && i < arguments.size(); i++) {
            if (arguments.get(i) instanceof StringLiteralExpr literal && literal.getBegin().isPresent()) {
                var at = literal.getBegin().get();
                passed.add(new Literal(type.getSimpleName() + "." + parameters[i].getName(), literal.getValue(),
                        fileLine(rule, at.line), fileColumn(rule, at.line, at.column)));
            }
        }
        literals.addAll(passed);
        return passed;
    }

    /** The parser's line 1 is the added "{", so its line 2 is the consequence's first line. */
    private static int fileLine(DrlOutline.RuleDeclaration rule, int parsedLine) {
        return rule.consequenceLine() + parsedLine - 2;
    }

    private static int fileColumn(DrlOutline.RuleDeclaration rule, int parsedLine, int parsedColumn) {
        return parsedLine == 2 ? rule.consequenceColumn() + parsedColumn - 1 : parsedColumn;
    }

    /** The simple name of what an inserted expression makes, or {@code null} when it cannot be told. */
    private static String typeOf(Expression argument, Map<String, String> variableTypes) {
        if (argument instanceof ObjectCreationExpr creation) {
            return creation.getType().getNameAsString();
        }
        if (argument instanceof NameExpr variable) {
            return variableTypes.get(variable.getNameAsString());
        }
        if (argument instanceof MethodCallExpr call && call.getScope().orElse(null) instanceof NameExpr scope) {
            return modelClass(scope.getNameAsString())
                    .map(type -> factory(type, call.getNameAsString(), call.getArguments().size()))
                    .map(method -> method.getReturnType().getSimpleName())
                    .orElse(null);
        }
        return null;
    }

    private static Optional<Class<?>> modelClass(String simpleName) {
        try {
            return Optional.of(Class.forName(MODEL_PACKAGE + simpleName, false, ConsequenceOutline.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Method factory(Class<?> type, String name, int arguments) {
        for (Method method : type.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(method.getModifiers()) && method.getName().equals(name)
                    && method.getParameterCount() == arguments) {
                return method;
            }
        }
        return null;
    }
}
