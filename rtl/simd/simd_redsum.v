// simd_redsum.v -- VREDSUM's adder tree: the sum of LANES 32-bit lanes (wrapping), log2(LANES)
// levels, with one register after the first level.
//
// Why one register: it bounds the path to the register file at log2(LANES) - 1 adders plus
// the write, and it is the only stage, so VREDSUM costs the same CYC_RED (>= 2) cycles for
// any LANES. The register loads whenever `en` is high (every cycle of a VREDSUM; the core
// holds the operand stable), so it is valid from the instruction's second cycle on, and the
// core takes `sum` at the instruction's last edge.
//
// The tree is a heap: node i has children 2i and 2i+1, the registered pair sums are nodes
// H..2H-1 (H = LANES/2) and the root is node 1. LANES must be a power of two, >= 2 (checked
// in simd_core).
module simd_redsum #(
    parameter integer LANES = 4
) (
    input  wire                clk,
    input  wire                en,
    input  wire [32*LANES-1:0] a,
    output wire [        31:0] sum
);
  localparam integer H = LANES / 2;

  // Level 1: lanes 2i and 2i+1 -> pair i, registered. Flat vectors rather than arrays: node
  // and pair are just wires and flops, and synthesis tools need not look for a RAM in them.
  reg [32*H-1:0] pair;
  integer i;
  always @(posedge clk) begin
    if (en) begin
      for (i = 0; i < H; i = i + 1) pair[32*i+:32] <= a[64*i+:32] + a[64*i+32+:32];
    end
  end

  // Levels 2..log2(LANES), combinational. Written as a loop over the heap so one description
  // serves every LANES; it still elaborates to a balanced tree (each node adds two children).
  // Node n is node[32n+31:32n]; node 0 is unused.
  reg [32*2*H-1:0] node;
  integer n;
  always @* begin
    node[31:0] = 32'b0;
    node[32*H+:32*H] = pair;
    for (n = H - 1; n >= 1; n = n - 1) node[32*n+:32] = node[64*n+:32] + node[64*n+32+:32];
  end
  assign sum = node[32+:32];
endmodule
