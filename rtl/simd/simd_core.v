// simd_core.v -- a small in-order SIMD core: LANES x 32-bit signed lanes, 8 vector registers,
// a 256-word local data memory and a 256-instruction program memory, both loaded by a host.
//
// Plain Verilog-2005: lint-clean under `verilator --lint-only -Wall` (also with
// --default-language 1364-2005) and synthesises with yosys (synth; check -assert; SYNTH=1
// test/run_tb.sh). imem has a synchronous read (block-RAM shaped); dmem has an asynchronous
// core read port (distributed RAM or flops) plus a registered host read port.
// Submodules: simd_alu.v (single-cycle lane ops), simd_mul.v (VMUL), simd_redsum.v (VREDSUM);
// opcode numbers in simd_isa.vh.
//
// ---------------------------------------------------------------------------------------------
// ISA. One 32-bit word per instruction:
//
//   [31:26] opcode   [25:23] rd   [22:20] rs1   [19:17] rs2   [16] unused   [15:0] imm
//
//   op    name     class  effect (per lane l unless noted; 32-bit two's complement, wraps)
//   0x00  HALT     1      stop: done is pulsed, the core goes idle
//   0x01  NOP      ALU    nothing
//   0x02  VADD     ALU    rd[l] = rs1[l] + rs2[l]
//   0x03  VSUB     ALU    rd[l] = rs1[l] - rs2[l]
//   0x04  VMUL     MUL    rd[l] = low 32 bits of rs1[l] * rs2[l]
//   0x05  VMAX     ALU    rd[l] = max(rs1[l], rs2[l])            (signed)
//   0x06  VMIN     ALU    rd[l] = min(rs1[l], rs2[l])            (signed)
//   0x07  VSLL     ALU    rd[l] = rs1[l] << (rs2[l] & 31)
//   0x08  VSRL     ALU    rd[l] = rs1[l] >> (rs2[l] & 31)        (logical)
//   0x09  VSRA     ALU    rd[l] = rs1[l] >>> (rs2[l] & 31)       (arithmetic)
//   0x0A  VSLT     ALU    rd[l] = rs1[l] < rs2[l] ? 1 : 0        (signed)
//   0x0B  VSEQ     ALU    rd[l] = rs1[l] == rs2[l] ? 1 : 0
//   0x0C  VLI      ALU    rd[l] = sign_extend(imm)               (every lane)
//   0x0D  VLD      MEM    rd = dmem[imm[7:0]]
//   0x0E  VST      MEM    dmem[imm[7:0]] = rs1
//   0x0F  VREDSUM  RED    rd[0] = rs1[0] + ... + rs1[LANES-1]; rd[l] = 0 for l > 0
//   0x10..0x3F     ALU    reserved: executes as NOP
// Fields an instruction does not name are ignored (write them as 0). v0 is an ordinary
// register. HALT is 0 so that an erased program memory stops the core.
//
// ---------------------------------------------------------------------------------------------
// CYCLE CONTRACT (a TLM model predicts cycles from this table; it must agree exactly).
//
//   Class cycles: C(ALU) = CYC_ALU, C(MUL) = CYC_MUL, C(MEM) = CYC_MEM, C(RED) = CYC_RED,
//   C(HALT) = 1. Defaults 1, 3, 1, 2; minimums 1, 3, 1, 2 (the pipeline depths of the units;
//   elaboration fails below them). Extra cycles above the minimum are pure stall.
//
//   Edges are numbered from the rising edge that takes start (edge 0). As in
//   rtl/systolic/systolic_array.v, an input "at edge k" is stable just before edge k, and an
//   output "at edge k" is what a driver sampling just before edge k sees (it was registered
//   at edge k-1).
//
//   Program: instructions I_0 .. I_n executed in order (I_n is the HALT), no branches, and
//       S_i = C(I_0) + ... + C(I_{i-1}),    SIGMA = S_{n+1} = sum of C over all of them.
//   Edge 0       takes start (while idle) and fetches I_0: imem is a synchronous-read memory,
//                so this is the one fetch cycle; later fetches overlap the previous
//                instruction's last cycle.
//   I_i          occupies edges S_i + 1 .. S_i + C(I_i). Its rd / dmem write happens at its
//                last edge, S_{i+1}; the same edge fetches I_{i+1}. I_{i+1} therefore sees the
//                result (no hazards, nothing overlaps).
//   HALT         its edge is SIGMA: the core goes idle there. The pc wraps from 255 to 0, so
//                a program without a HALT runs until rst_n.
//   busy = 1 at edges 1 .. SIGMA.   done = 1 at edge 1 + SIGMA only, with busy = 0.
//
//   So with start at edge 0, done is seen at edge exactly 1 + SIGMA. A new start may be given
//   at the done edge (runs tile with period 1 + SIGMA) or any later edge; start while busy is
//   ignored.
//
// Host side (all synchronous):
//   Writes (imem_we, host_we) are taken only at edges where busy = 0 and start = 0 (so a
//   program is complete before the fetch at edge 0 reads it); ignored otherwise.
//   host_rdata at edge k+1 = dmem[host_addr at edge k] as it was before edge k (read-first).
//   host_vdata = v[host_vaddr], combinational: read the registers back when idle.
//   rst_n (synchronous, active low) idles the core and zeroes v0..v7. Registers otherwise
//   persist from run to run; imem and dmem are never cleared.
// ---------------------------------------------------------------------------------------------
module simd_core #(
    parameter integer LANES   = 4,  // lanes per vector, a power of two >= 2
    parameter integer CYC_ALU = 1,  // cycles of ALU-class instructions (>= 1)
    parameter integer CYC_MUL = 3,  // cycles of VMUL (>= 3)
    parameter integer CYC_MEM = 1,  // cycles of VLD / VST (>= 1)
    parameter integer CYC_RED = 2   // cycles of VREDSUM (>= 2)
) (
    input  wire                clk,
    input  wire                rst_n,       // synchronous, active low
    input  wire                start,       // taken when busy = 0
    output wire                busy,
    output reg                 done,        // one-cycle pulse after HALT
    // program memory write port
    input  wire                imem_we,
    input  wire [         7:0] imem_addr,
    input  wire [        31:0] imem_wdata,
    // data memory host port
    input  wire                host_we,
    input  wire [         7:0] host_addr,
    input  wire [32*LANES-1:0] host_wdata,
    output reg  [32*LANES-1:0] host_rdata,
    // register read-back
    input  wire [         2:0] host_vaddr,
    output wire [32*LANES-1:0] host_vdata
);
`include "simd_isa.vh"

  localparam integer W = 32 * LANES;

  // ---------------- parameter checks (an unknown module fails elaboration, Verilog-2005) ----
  generate
    if (LANES < 2 || (LANES & (LANES - 1)) != 0) begin : g_bad_lanes
      simd_core_bad_parameter_LANES_not_power_of_two_ge_2 u_bad ();
    end
    if (CYC_ALU < 1) begin : g_bad_alu
      simd_core_bad_parameter_CYC_ALU_below_1 u_bad ();
    end
    if (CYC_MUL < 3) begin : g_bad_mul
      simd_core_bad_parameter_CYC_MUL_below_3 u_bad ();
    end
    if (CYC_MEM < 1) begin : g_bad_mem
      simd_core_bad_parameter_CYC_MEM_below_1 u_bad ();
    end
    if (CYC_RED < 2) begin : g_bad_red
      simd_core_bad_parameter_CYC_RED_below_2 u_bad ();
    end
  endgenerate

  // Cycle counter within one instruction: 0 .. C-1, so clog2(max C) bits (at least 1).
  localparam integer MAX_AM = CYC_ALU > CYC_MUL ? CYC_ALU : CYC_MUL;
  localparam integer MAX_ER = CYC_MEM > CYC_RED ? CYC_MEM : CYC_RED;
  localparam integer CYC_MAX = MAX_AM > MAX_ER ? MAX_AM : MAX_ER;
  localparam integer CNT_W = CYC_MAX > 1 ? $clog2(CYC_MAX) : 1;

  // ---------------- state ----------------
  reg             running;  // executing a program (busy)
  reg [      7:0] pc;       // address of the instruction in ir
  reg [     31:0] ir;
  reg [CNT_W-1:0] cnt;      // cycle of the current instruction, 0-based
  reg [    W-1:0] vreg     [0:7];
  reg [     31:0] imem     [0:255];
  reg [    W-1:0] dmem     [0:255];

  assign busy = running;

  // ---------------- decode ----------------
  wire [  5:0] op = ir[31:26];
  wire [  2:0] rd = ir[25:23];
  wire [  2:0] rs1 = ir[22:20];
  wire [  2:0] rs2 = ir[19:17];
  wire [ 15:0] imm = ir[15:0];
  wire         unused_ir16 = ir[16];  // reserved field; "unused" names are exempt from lint

  wire         is_mul = op == OP_VMUL;
  wire         is_red = op == OP_VREDSUM;
  wire         is_halt = op == OP_HALT;

  // Cycles of this instruction minus one, compared with cnt: the instruction ends ("last")
  // when cnt reaches it. 32-bit compare keeps the parameter arithmetic free of truncation.
  reg  [ 31:0] cyc_m1;
  always @* begin
    case (op)
      OP_HALT: cyc_m1 = 32'd0;
      OP_VMUL: cyc_m1 = CYC_MUL - 1;
      OP_VLD, OP_VST: cyc_m1 = CYC_MEM - 1;
      OP_VREDSUM: cyc_m1 = CYC_RED - 1;
      default: cyc_m1 = CYC_ALU - 1;  // ALU ops, VLI, NOP, reserved
    endcase
  end
  wire last = running && ({{(32 - CNT_W) {1'b0}}, cnt} == cyc_m1);

  // Does the instruction write rd? (NOP, VST, HALT and reserved opcodes do not.)
  reg writes_rd;
  always @* begin
    case (op)
      OP_VADD, OP_VSUB, OP_VMUL, OP_VMAX, OP_VMIN, OP_VSLL, OP_VSRL, OP_VSRA, OP_VSLT, OP_VSEQ,
      OP_VLI, OP_VLD, OP_VREDSUM:
      writes_rd = 1'b1;
      default: writes_rd = 1'b0;
    endcase
  end

  // ---------------- datapath ----------------
  wire [W-1:0] a = vreg[rs1];
  wire [W-1:0] b = vreg[rs2];
  wire [W-1:0] alu_y, mul_y;
  wire [ 31:0] red_sum;

  simd_alu #(
      .LANES(LANES)
  ) u_alu (
      .op(op),
      .a (a),
      .b (b),
      .y (alu_y)
  );
  // The multi-cycle units load on every cycle of their own instruction only (saves power,
  // and keeps their registers meaningful in a waveform).
  simd_mul #(
      .LANES(LANES)
  ) u_mul (
      .clk(clk),
      .en (running && is_mul),
      .a  (a),
      .b  (b),
      .y  (mul_y)
  );
  simd_redsum #(
      .LANES(LANES)
  ) u_red (
      .clk(clk),
      .en (running && is_red),
      .a  (a),
      .sum(red_sum)
  );

  // dmem is read asynchronously by VLD (distributed RAM / flops): with a synchronous read the
  // address, known only once the instruction is in ir, would cost VLD a second cycle.
  wire [W-1:0] ld_data = dmem[imm[7:0]];

  reg  [W-1:0] wb;
  always @* begin
    case (op)
      OP_VMUL: wb = mul_y;
      OP_VREDSUM: wb = {{(W - 32) {1'b0}}, red_sum};
      OP_VLI: wb = {LANES{{16{imm[15]}}, imm}};
      OP_VLD: wb = ld_data;
      default: wb = alu_y;
    endcase
  end

  // ---------------- control ----------------
  wire       take_start = !running && start;
  wire       host_ok = !running && !start;  // host writes allowed (see contract)
  wire       fetch = take_start || (last && !is_halt);
  wire [7:0] fetch_pc = take_start ? 8'd0 : pc + 8'd1;  // no branches: always the next word

  integer r;
  always @(posedge clk) begin
    if (!rst_n) begin
      running <= 1'b0;
      done <= 1'b0;
      pc <= 8'd0;
      cnt <= {CNT_W{1'b0}};
      for (r = 0; r < 8; r = r + 1) vreg[r] <= {W{1'b0}};
    end else begin
      done <= last && is_halt;
      if (take_start) running <= 1'b1;
      else if (last && is_halt) running <= 1'b0;
      if (fetch) pc <= fetch_pc;
      // cnt restarts with every instruction (and is 0 when a run starts).
      cnt <= (running && !last) ? cnt + 1'b1 : {CNT_W{1'b0}};
      if (last && writes_rd) vreg[rd] <= wb;
    end
  end

  // Memories: no reset (the host loads them), written in their own blocks so synthesis can
  // map them to RAMs.
  always @(posedge clk) begin
    if (imem_we && host_ok) imem[imem_addr] <= imem_wdata;
    if (fetch) ir <= imem[fetch_pc];
  end

  // One write port shared by VST (running) and the host (idle): never both at once.
  wire         st = last && op == OP_VST;
  wire [  7:0] dmem_waddr = running ? imm[7:0] : host_addr;
  wire [W-1:0] dmem_wdata = running ? a : host_wdata;
  always @(posedge clk) begin
    if (st || (host_we && host_ok)) dmem[dmem_waddr] <= dmem_wdata;
    host_rdata <= dmem[host_addr];
  end

  assign host_vdata = vreg[host_vaddr];
endmodule
