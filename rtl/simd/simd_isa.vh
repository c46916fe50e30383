// simd_isa.vh -- opcode numbers of the SIMD core's ISA (encoding documented in simd_core.v).
// Included inside each module body: Verilog-2005 has no packages, and localparams stay local
// to the including module, unlike `define macros, which leak into every later file.
//
// HALT is 0 so that an erased (all-zero) instruction memory stops the core instead of letting
// it run off the end of a short program. Opcodes 0x10..0x3F are reserved and execute as NOP.
// Each includer uses only some of these; the table is shared on purpose, so no warning.
/* verilator lint_off UNUSEDPARAM */
localparam [5:0] OP_HALT = 6'h00;
localparam [5:0] OP_NOP = 6'h01;
localparam [5:0] OP_VADD = 6'h02;
localparam [5:0] OP_VSUB = 6'h03;
localparam [5:0] OP_VMUL = 6'h04;
localparam [5:0] OP_VMAX = 6'h05;
localparam [5:0] OP_VMIN = 6'h06;
localparam [5:0] OP_VSLL = 6'h07;
localparam [5:0] OP_VSRL = 6'h08;
localparam [5:0] OP_VSRA = 6'h09;
localparam [5:0] OP_VSLT = 6'h0A;
localparam [5:0] OP_VSEQ = 6'h0B;
localparam [5:0] OP_VLI = 6'h0C;
localparam [5:0] OP_VLD = 6'h0D;
localparam [5:0] OP_VST = 6'h0E;
localparam [5:0] OP_VREDSUM = 6'h0F;
/* verilator lint_on UNUSEDPARAM */
