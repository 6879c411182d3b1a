package io.trailtailor.flink.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.flink.sql.parser.ddl.SqlTableColumn;
import org.apache.flink.sql.parser.ddl.SqlTableOption;
import org.apache.flink.sql.parser.hive.ddl.SqlCreateHiveTable;
import org.apache.flink.sql.parser.hive.impl.FlinkHiveSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;
import org.junit.jupiter.api.Test;

/**
 * Every {@code athena/*.sql} is parsed by a real Hive-dialect DDL parser (Flink's, Calcite-based), not read back with
 * patterns: it must be an external, partitioned Parquet table whose columns are exactly the Avro fields of the table
 * the job writes, with partition projection on {@code dt}.
 */
class AthenaDdlParseTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);

    @Test
    void everyTableParsesAsAnExternalPartitionedParquetTableWithTheAvroColumns() throws Exception {
        assertThat(AthenaDdl.TABLES).hasSize(7);
        for (Map.Entry<String, Schema> t : AthenaDdl.TABLES.entrySet()) {
            String ddl = AthenaDdl.ddl("trailtailor", t.getKey(), t.getValue(), "s3://bucket/runs/prod", FIRST);
            SqlCreateHiveTable table = parse(ddl);

            assertThat(table.fullTableName()).as(t.getKey()).containsExactly("trailtailor", t.getKey());
            List<String> expected = new ArrayList<>();
            t.getValue().getFields().forEach(f -> expected.add(f.name().toLowerCase(Locale.ROOT)));
            expected.add("dt"); // the Hive dialect lists partition columns after the others
            List<String> columns = new ArrayList<>();
            for (SqlNode c : table.getColumnList()) {
                columns.add(((SqlTableColumn) c).getName().getSimple());
            }
            assertThat(columns).as(t.getKey()).isEqualTo(expected);
            assertThat(table.getPartitionKeyList().toString()).as(t.getKey()).isEqualTo("`dt`");

            Map<String, String> props = properties(table);
            assertThat(props)
                    .as(t.getKey())
                    .containsEntry(SqlCreateHiveTable.TABLE_IS_EXTERNAL, "true")
                    .containsEntry(
                            SqlCreateHiveTable.TABLE_LOCATION_URI, "s3://bucket/runs/prod/parquet/" + t.getKey() + "/")
                    .containsEntry("projection.enabled", "true")
                    .containsEntry("projection.dt.type", "date")
                    .containsEntry("projection.dt.range", "2026-11-01,NOW")
                    .containsEntry(
                            "storage.location.template", "s3://bucket/runs/prod/parquet/" + t.getKey() + "/dt=${dt}/");
            assertThat(props.values())
                    .as(t.getKey())
                    .anyMatch(v -> v.equalsIgnoreCase("PARQUET") || v.contains("parquet"));
        }
    }

    private static SqlCreateHiveTable parse(String ddl) throws Exception {
        // Athena takes one statement per query; the parser takes none of the trailing ';'
        String statement = ddl.strip();
        statement = statement.substring(0, statement.length() - 1);
        SqlParser parser = SqlParser.create(
                statement,
                SqlParser.config()
                        .withParserFactory(FlinkHiveSqlParserImpl.FACTORY)
                        .withQuoting(Quoting.BACK_TICK)
                        .withUnquotedCasing(Casing.UNCHANGED)
                        .withQuotedCasing(Casing.UNCHANGED)
                        .withConformance(FlinkSqlConformance.HIVE));
        return (SqlCreateHiveTable) parser.parseStmt();
    }

    private static Map<String, String> properties(SqlCreateHiveTable table) {
        Map<String, String> out = new TreeMap<>();
        for (SqlNode n : table.getPropertyList()) {
            SqlTableOption o = (SqlTableOption) n;
            out.put(o.getKeyString(), o.getValueString());
        }
        return out;
    }
}
