// simd_mul.v -- lane-wise 32 x 32 -> low 32-bit multiply, two register stages (VMUL).
//
// Why split: a full 32x32 multiplier is the longest path in the core by far. Only the low 32
// bits of the product are kept, and for a = ah:al, b = bh:bl (16-bit halves)
//     a * b mod 2^32 = al*bl + ((al*bh + ah*bl) mod 2^16) * 2^16
// (the ah*bh term lies wholly above bit 31). So stage 1 does three 16x16 multiplies (the size
// of an FPGA DSP block; the two cross products only need their low 16 bits) and stage 2 one
// 32-bit add. Unsigned and signed low halves are identical, so no sign handling is needed.
//
// Timing inside the core: operands are stable for the whole VMUL, and both stages load
// whenever `en` is high (every cycle of a VMUL). Stage 1 is right after the VMUL's first
// edge, stage 2 after its second, and the core writes y at the instruction's last edge, so the
// result is correct for CYC_MUL >= 3; any cycles beyond 3 just hold the same values.
module simd_mul #(
    parameter integer LANES = 4
) (
    input  wire                clk,
    input  wire                en,
    input  wire [32*LANES-1:0] a,
    input  wire [32*LANES-1:0] b,
    output wire [32*LANES-1:0] y
);
  genvar l;
  generate
    for (l = 0; l < LANES; l = l + 1) begin : g_lane
      wire [15:0] al = a[32*l+:16];
      wire [15:0] ah = a[32*l+16+:16];
      wire [15:0] bl = b[32*l+:16];
      wire [15:0] bh = b[32*l+16+:16];
      reg  [31:0] p_ll;  // stage 1: al*bl, all 32 bits
      reg  [15:0] p_lh;  // stage 1: al*bh mod 2^16
      reg  [15:0] p_hl;  // stage 1: ah*bl mod 2^16
      reg  [31:0] prod;  // stage 2: the low 32 bits of a*b
      always @(posedge clk) begin
        if (en) begin
          p_ll <= {16'b0, al} * {16'b0, bl};
          p_lh <= al * bh;
          p_hl <= ah * bl;
          prod <= p_ll + {p_lh + p_hl, 16'b0};
        end
      end
      assign y[32*l+:32] = prod;
    end
  endgenerate
endmodule
