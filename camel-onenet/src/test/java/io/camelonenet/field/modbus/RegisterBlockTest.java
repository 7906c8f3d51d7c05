package io.camelonenet.field.modbus;

import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.PointType;
import io.camelonenet.field.RegisterTable;
import io.camelonenet.field.ReportMode;
import io.camelonenet.field.WordOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One poll asks for adjacent points of a table in one request, up to Modbus's limit, and never across a gap. */
class RegisterBlockTest {

    @Test
    void should_merge_adjacent_and_overlapping_points_of_one_table_only() {
        List<RegisterBlock> blocks = RegisterBlock.plan(List.of(
                point("a", RegisterTable.HOLDING, 4, PointType.FLOAT32),
                point("b", RegisterTable.HOLDING, 0, PointType.INT16),
                point("c", RegisterTable.HOLDING, 1, PointType.FLOAT64),
                point("d", RegisterTable.HOLDING, 5, PointType.UINT16),
                point("e", RegisterTable.HOLDING, 10, PointType.INT16),
                point("f", RegisterTable.INPUT, 6, PointType.INT16),
                point("g", RegisterTable.COIL, 0, PointType.BOOL),
                point("h", RegisterTable.COIL, 1, PointType.BOOL)));

        assertThat(blocks).extracting(b -> b.table() + " " + b.start() + "+" + b.count()).containsExactly(
                "HOLDING 0+6", "HOLDING 10+1", "INPUT 6+1", "COIL 0+2");
        assertThat(blocks.get(0).points()).extracting(FieldPoint::name).containsExactly("b", "c", "a", "d");
    }

    @Test
    void should_split_at_the_limit_of_one_request() {
        List<FieldPoint> registers = new ArrayList<>();
        for (int address = 0; address < 300; address += 2) {
            registers.add(point("r" + address, RegisterTable.HOLDING, address, PointType.INT32));
        }
        List<FieldPoint> coils = new ArrayList<>();
        for (int address = 0; address < 2500; address++) {
            coils.add(point("c" + address, RegisterTable.COIL, address, PointType.BOOL));
        }

        assertThat(RegisterBlock.plan(registers)).extracting(RegisterBlock::start, RegisterBlock::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 124), org.assertj.core.groups.Tuple.tuple(124, 124),
                        org.assertj.core.groups.Tuple.tuple(248, 52));
        assertThat(RegisterBlock.plan(coils)).extracting(RegisterBlock::count).containsExactly(2000, 500);
    }

    static FieldPoint point(String name, RegisterTable table, int address, PointType type) {
        return new FieldPoint(name, table, address, null, type, WordOrder.BIG, 1, 0, ReportMode.ON_CHANGE, 0, 0,
                false);
    }
}
