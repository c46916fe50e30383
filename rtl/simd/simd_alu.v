// simd_alu.v -- the single-cycle lane operations of the SIMD core, LANES lanes side by side.
//
// Purely combinational: the core holds the operands stable for the whole instruction (no
// register is written before an instruction's last cycle), so whatever is here only has to
// settle within CYC_ALU cycles. Lane l occupies bits [32l+31:32l] of a, b and y; lanes never
// interact, which is what makes one adder/comparator/shifter per lane enough.
//
// Semantics (32-bit two's complement, results wrap):
//   VADD a+b   VSUB a-b   VMAX/VMIN signed   VSLT (a<b signed) ? 1 : 0   VSEQ (a==b) ? 1 : 0
//   VSLL/VSRL/VSRA shift a by b[4:0] (b & 31: only the low five bits of the lane count, so a
//   shift is never by 32 or more and needs no out-of-range case).
// Any other op (the core only selects y for the ops above) gives 0.
module simd_alu #(
    parameter integer LANES = 4
) (
    input  wire [         5:0] op,
    input  wire [32*LANES-1:0] a,
    input  wire [32*LANES-1:0] b,
    output wire [32*LANES-1:0] y
);
`include "simd_isa.vh"

  genvar l;
  generate
    for (l = 0; l < LANES; l = l + 1) begin : g_lane
      wire [31:0] x = a[32*l+:32];
      wire [31:0] z = b[32*l+:32];
      wire        lt = $signed(x) < $signed(z);  // shared by VMAX, VMIN and VSLT
      reg  [31:0] r;
      always @* begin
        case (op)
          OP_VADD: r = x + z;
          OP_VSUB: r = x - z;
          OP_VMAX: r = lt ? z : x;
          OP_VMIN: r = lt ? x : z;
          OP_VSLL: r = x << z[4:0];
          OP_VSRL: r = x >> z[4:0];
          OP_VSRA: r = $unsigned($signed(x) >>> z[4:0]);
          OP_VSLT: r = {31'b0, lt};
          OP_VSEQ: r = {31'b0, x == z};
          default: r = 32'b0;
        endcase
      end
      assign y[32*l+:32] = r;
    end
  endgenerate
endmodule
