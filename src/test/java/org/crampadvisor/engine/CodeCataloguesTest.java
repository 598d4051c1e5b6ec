package org.crampadvisor.engine;

import org.crampadvisor.RulesFolderCopy;
import org.crampadvisor.evaluation.Analyte;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The code catalogues as the gate reads them: mistakes refused with file and line, the shipped ones sound. */
class CodeCataloguesTest {

    private final RulesetCompiler compiler = new RulesetCompiler();

    @Test
    void shouldKnowExactlyTheAnalytesAndUnitsOfTheRequest() {
        assertThat(CodeCatalogues.SPEC_ANALYTES)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Analyte.values()).map(Analyte::code).toList());
        assertThat(CodeCatalogues.SPEC_UNITS).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Analyte.values()).flatMap(a -> a.units().stream()).distinct().toList());
    }

    @Test
    void shouldMapTheShippedCodesTheIssueNames() throws Exception {
        CodeCatalogues codes = compiler.compile(Path.of("rules")).reference().codes();

        assertThat(codes.lab("2823-3").orElseThrow().analyte()).isEqualTo("potassium");
        assertThat(codes.lab("6298-4").orElseThrow().analyte()).isEqualTo("potassium");
        assertThat(codes.lab("19123-9").orElseThrow().analyte()).isEqualTo("magnesium");
        assertThat(codes.lab("2601-3").orElseThrow().analyte()).isEqualTo("magnesium");
        assertThat(codes.lab("17861-6").orElseThrow().analyte()).isEqualTo("calcium");
        assertThat(codes.lab("14635-7").orElseThrow().analyte()).isEqualTo("vitamin-d");
        assertThat(codes.lab("1995-0").orElseThrow().analyte()).as("ionised calcium is not total calcium").isNull();
        assertThat(codes.unit("meq/L")).contains("mEq/L");
        assertThat(codes.medication("202991").orElseThrow().medications()).containsExactly("furosemide");
        assertThat(codes.medication("17276").orElseThrow().medications())
                .containsExactly("spironolactone and hydrochlorothiazide");
        assertThat(codes.condition(CodeCatalogues.ICD_10, "N18.4").orElseThrow().conditions())
                .containsExactly("chronic kidney disease");
        assertThat(codes.condition(CodeCatalogues.ICD_10, "N186").orElseThrow().conditions())
                .containsExactly("end-stage renal disease");
        assertThat(codes.condition(CodeCatalogues.ICD_10, "R25.2").orElseThrow().conditions())
                .containsExactly("leg cramps");
        assertThat(codes.condition(CodeCatalogues.SNOMED_CT, "N18.4")).isEmpty();
    }

    @Test
    void shouldCoverEveryDiureticTheSpecNames() throws Exception {
        CodeCatalogues codes = compiler.compile(Path.of("rules")).reference().codes();
        for (String generic : new String[] {"furosemide", "bumetanide", "torsemide", "hydrochlorothiazide",
                "chlorthalidone", "indapamide", "metolazone", "bendroflumethiazide", "spironolactone", "eplerenone",
                "amiloride", "triamterene"}) {
            assertThat(codes.medications().values()).as(generic)
                    .anyMatch(code -> code.verified() && code.medications().contains(generic));
        }
    }

    @Test
    void shouldRefuseACodeThatMapsToANameTheCataloguesDoNotKnow(@TempDir Path temp) {
        Path folder = RulesFolderCopy.of(Path.of("rules"), temp.resolve("rules"));
        RulesFolderCopy.replace(folder, "catalogues/medication-codes.csv", "202991,furosemide,Lasix",
                "202991,furosemid,Lasix");

        assertThatThrownBy(() -> compiler.compile(folder)).isInstanceOfSatisfying(RulesetBuildException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                    assertThat(problem.file()).isEqualTo("catalogues/medication-codes.csv");
                    assertThat(problem.line()).isPositive();
                    assertThat(problem.message()).isEqualTo(
                            "'furosemid' is not a name in medications.csv; add it there first, or correct the spelling");
                }));
    }

    @Test
    void shouldRefuseUncitedDuplicatedAndUnknownRows(@TempDir Path temp) throws Exception {
        Path folder = RulesFolderCopy.of(Path.of("rules"), temp.resolve("rules"));
        Files.writeString(folder.resolve("catalogues/lab-codes.csv"), """
                loinc,analyte,display,not used because,source
                2823-3,potassium,Potassium,,
                6298-4,potassium,Potassium in Blood,,a source
                6298-4,potassium,Potassium in Blood,,a source
                1995-0,,Ionised calcium,,a source
                2601-3,magnesium-ish,Magnesium,,a source
                """);

        assertThatThrownBy(() -> compiler.compile(folder)).isInstanceOfSatisfying(RulesetBuildException.class,
                e -> assertThat(e.problems()).extracting(RulesetProblem::line, RulesetProblem::message).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "no source: cite where the code was verified, or write 'unverified'"),
                        org.assertj.core.groups.Tuple.tuple(4, "the code 6298-4 is already on line 3"),
                        org.assertj.core.groups.Tuple.tuple(5, "give either an analyte or why the code is not used, not both and not neither"),
                        org.assertj.core.groups.Tuple.tuple(6, "unknown analyte 'magnesium-ish'; the analytes are [calcium, magnesium, potassium, sodium, vitamin-d]")));
    }

    @Test
    void shouldMapNothingForARulesetWithoutCodeCatalogues(@TempDir Path temp) throws Exception {
        Path folder = RulesFolderCopy.of(Path.of("rules"), temp.resolve("rules"));
        for (String file : new String[] {CodeCatalogues.LAB_CODES, CodeCatalogues.UNIT_CODES,
                CodeCatalogues.MEDICATION_CODES, CodeCatalogues.CONDITION_CODES}) {
            Files.delete(folder.resolve(file));
        }
        CodeCatalogues codes = compiler.compile(folder).reference().codes();

        assertThat(codes.lab("2823-3")).isEmpty();
        assertThat(codes.medication("202991")).isEmpty();
    }
}
