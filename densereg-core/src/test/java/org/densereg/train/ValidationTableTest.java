package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTableTest {

    @TempDir
    Path dir;

    @Test
    void oneRowPerIterationOfAnyRunOneColumnPerRunAndADashWhereARunHasNoValue() throws IOException {
        Files.writeString(dir.resolve("val.jsonl"), """
                {"iteration":20,"metrics":{"nme":0.4311}}
                {"iteration":40,"metrics":{"other":1}}
                """);
        ValidationTable.Column a = ValidationTable.column(ValidationHistory.read(dir), "nme", "a");
        ValidationTable.Column b = new ValidationTable.Column("b", new double[] {10, 20}, new double[] {0.444, 12.346});
        assertEquals("""
                | iteration | a | b |
                |---|---|---|
                | 10 | – | 0.44 |
                | 20 | 0.43 | 12.35 |
                """, ValidationTable.markdown(List.of(a, b)));
    }
}
