// systolic_array.v -- parameterised R x C int8 systolic array, one GEMM fold at a time.
//
// Arithmetic: int8 signed operands, int32 signed accumulation (two's complement, wraps; cannot
// overflow for t_len <= 65535 since 65535 * 128 * 128 < 2^31; longer folds may wrap).
// Dataflow chosen per fold by `mode`: 0 = weight stationary (ws), 1 = output stationary (os).
// Plain Verilog-2005: lint-clean under `verilator --lint-only -Wall` (also with
// --default-language 1364-2005) and synthesises with yosys (synth; check -assert).
//
// ---------------------------------------------------------------------------------------------
// CYCLE CONTRACT (the SystemC transactor is written from this; the TLM `rtl` timing equation
// in docs/models/matrix-engine.md must equal it).
//
//   "Edge k" = the k-th rising clock edge of a fold; edge 0 is the edge that samples start=1.
//   An input "at edge k" must be stable before edge k (the driver sets it in cycle k).
//   An output "at edge k" is what a driver sampling just before edge k sees (it was registered
//   at edge k-1). Every output is a register (c_row is a mode-selected register mux).
//
//   T = t_len (1..2^TW-1), D = 2R + C + T - 2 (the fold length in cycles). t_len = 0 is not
//   supported (the fold still lasts 2R + C - 2 cycles; ws emits no row, os R stale rows).
//   Inputs are sampled at edges 0..D-1 of the fold; outputs belong to edges 1..D.
//
//   mode 0 (ws)  w_row = B[r][*]    at edge r,        r = 0..R-1   (row 0 WITH start)
//                a_col = A[t][*]    at edge R+t,      t = 0..T-1
//                c_row = C[t][*]    at edge 2R+C-1+t, t = 0..T-1   (c_valid=1)
//   mode 1 (os)  a_col = A[*][t],
//                w_row = B[t][*]    at edge t,        t = 0..T-1   (t = 0 WITH start)
//                c_row = C[i][*]    at edge T+R+C-1+i, i = 0..R-1  (c_valid=1)
//   both         busy = 1 at edges 1..D; done = 1 at edge D only; c_valid = 0 elsewhere.
//                The last c_row of a fold is at edge D, together with done.
//
//   Back to back: a new start may be given at edge D of the previous fold (the edge that sees
//   done) or later; it becomes edge 0 of the new fold, so folds tile with period exactly D.
//   start at any other time while busy is ignored (mode/t_len too). mode and t_len are
//   sampled with start, and the edge-0 operands (ws: B row 0; os: A column 0 and B row 0) are
//   presented in that same cycle. Inputs outside their window are ignored (gated
//   internally), so the driver may leave anything there (zero is recommended).
//   Folds never overlap inside the array: the last result of a fold is registered at its edge
//   D-1 and every PE's last use of its old s/d precedes the new fold's first write to it, so
//   one set of mode/T registers and one counter suffice.
//
// Why the first input rides with start: a systolic pipeline with registered PEs needs
// R + C - 1 register stages from an operand to the aligned result (one PE per row down, one
// per column across, the last column needing no de-skew). With the R preload edges plus the T
// stream edges occupying edges 0..R+T-1, the last result lands on edge R+T-1 + R+C-1 = D.
// Starting the preload one edge later would put it at D+1.
//
// Packing: w_row element j at [8j+7:8j], a_col element i at [8i+7:8i], c_row element j at
// [32j+31:32j].
//
// Structure: PE(i,j) holds a 32-bit "stationary" register s (ws: weight B[i][j]; os: the
// accumulator C[i][j]) and a 32-bit "down" register d (ws: partial sum going down; os: the b
// operand going down). Operands a move right one PE per cycle. Row i of a_col is delayed by i
// cycles before column 0 (skew); in os column j of w_row is delayed by j before row 0; in ws
// the bottom-row partial sum of column j is delayed by C-1-j cycles (de-skew) so a whole row
// of C comes out together. So the operands of step t meet in PE(i,j) at edge base + t + i + j
// (base = R in ws, 0 in os).
// ---------------------------------------------------------------------------------------------
module systolic_array #(
    parameter R = 4,  // rows: the K slice of a fold (ws) / output rows (os)
    parameter C = 4,  // columns: output columns
    parameter TW = 16  // width of t_len (Lumen builds 21: streamed dimensions up to 2^20)
) (
    input  wire              clk,
    input  wire              rst_n,    // synchronous, active low
    input  wire              start,
    input  wire              mode,     // 0 = ws, 1 = os; sampled with start
    input  wire [    TW-1:0] t_len,    // T, 1..2^TW-1; sampled with start
    input  wire [   8*C-1:0] w_row,
    input  wire [   8*R-1:0] a_col,
    output wire [  32*C-1:0] c_row,
    output reg               c_valid,
    output reg               busy,
    output reg               done
);

  // Fold-edge counter wide enough for D <= 2R + C + 2^TW - 3.
  localparam CW = $clog2(2 * R + C + (1 << TW));

  // ---------------- control: which fold edge k this clock edge is ----------------
  reg [CW-1:0] cnt;     // k of the next edge while a fold runs
  reg          mode_q;  // mode of the running fold
  reg [TW-1:0] t_q;     // T of the running fold

  // start is taken when idle or on the done edge (the previous fold's edges end at D-1).
  wire         go = start & (~busy | done);
  // This edge belongs to a fold: a new one (k = 0) or the running one (k = 1..D-1).
  wire         active = go | (busy & ~done);
  // Mode / T / k as seen by this edge: edge 0 must use the ports directly, since the first
  // operands arrive together with start (see "Why" above).
  wire         mode_k = go ? mode : mode_q;
  wire [  31:0] t32 = {{(32 - TW) {1'b0}}, go ? t_len : t_q};
  wire [  31:0] k32 = go ? 32'd0 : {{(32 - CW) {1'b0}}, cnt};
  wire [  31:0] n32 = k32 + 32'd1;  // the edge at which this edge's registered outputs show
  wire [  31:0] d32 = 2 * R + C - 2 + t32;  // D

  // Input windows (see contract). Gating w_row (weight write enable, os b) is what makes
  // out-of-window data harmless; gating a too is belt and braces and keeps idle PEs quiet.
  wire ws_a_win = active & ~mode_k & (k32 >= R) & (k32 < R + t32);
  wire os_win = active & mode_k & (k32 < t32);
  wire os_first = os_win & (k32 == 0);  // marks t = 0: each PE restarts its accumulator
  wire [8*R-1:0] a_g = (ws_a_win | os_win) ? a_col : {8 * R{1'b0}};
  wire [8*C-1:0] b_g = os_win ? w_row : {8 * C{1'b0}};

  // Output windows, evaluated for the edge at which the value will show (n32). active
  // implies k <= D-1, so n32 <= D.
  wire ws_out_next = active & ~mode_k & (n32 >= 2 * R + C - 1);
  wire os_out_next = active & mode_k & (n32 >= t32 + R + C - 1);

  always @(posedge clk) begin
    if (!rst_n) begin
      cnt <= {CW{1'b0}};
      mode_q <= 1'b0;
      t_q <= {TW{1'b0}};
      busy <= 1'b0;
      done <= 1'b0;
      c_valid <= 1'b0;
    end else begin
      if (go) begin
        mode_q <= mode;
        t_q <= t_len;
      end
      if (active) cnt <= n32[CW-1:0];
      busy <= active;
      done <= active & (n32 == d32);
      c_valid <= ws_out_next | os_out_next;
    end
  end

  // ---------------- interconnect (PE(i,j) at index i*C+j) ----------------
  // Unpacked arrays, one element per PE or column: Verilator evaluates element assignments
  // directly, where slices of one flattened multi-kilobit vector cost a whole-vector
  // concatenation each (that made the 32x32 array about 50x slower to simulate).
  wire [ 8:0] a_bus   [0:R*C-1];  // {first, a} entering PE(i,j) from the west
  wire [ 7:0] b_north [0:C-1];    // os: b entering row 0 of column j, after the column skew
  wire [31:0] d_south [0:R*C-1];  // d register of PE(i,j)
  wire [31:0] s_stat  [0:R*C-1];  // s register of PE(i,j) (os: read by the drain)
  wire [31:0] ws_out  [0:C-1];    // ws: de-skewed bottom-row partial sums
  reg  [31:0] os_out  [0:C-1];    // os: the accumulator row being drained

  genvar i, j, x;

  // Delay lines below share one pattern: tap[k] is the line's input delayed by k cycles,
  // one register per stage (a zero-length line is just a wire).

  // Row skew: row i of a (and the os "first" tag) is delayed by i cycles into PE(i,0).
  generate
    for (i = 0; i < R; i = i + 1) begin : skew_a
      wire [8:0] tap[0:i];
      assign tap[0] = {os_first, a_g[8*i+:8]};
      for (x = 0; x < i; x = x + 1) begin : st
        reg [8:0] q;
        always @(posedge clk) q <= rst_n ? tap[x] : 9'd0;
        assign tap[x+1] = q;
      end
      assign a_bus[i*C] = tap[i];
    end

    // Column skew (os): column j of b is delayed by j cycles into PE(0,j).
    for (j = 0; j < C; j = j + 1) begin : skew_b
      wire [7:0] tap[0:j];
      assign tap[0] = b_g[8*j+:8];
      for (x = 0; x < j; x = x + 1) begin : st
        reg [7:0] q;
        always @(posedge clk) q <= rst_n ? tap[x] : 8'd0;
        assign tap[x+1] = q;
      end
      assign b_north[j] = tap[j];
    end

    // ---------------- the PE grid ----------------
    for (i = 0; i < R; i = i + 1) begin : row
      for (j = 0; j < C; j = j + 1) begin : col
        wire [ 8:0] a_in = a_bus[i*C+j];  // {first, a} from the west
        wire [31:0] d_in;  // ws: partial sum from the north; os: b from the north
        reg  [31:0] s;
        reg  [31:0] d;
        if (i == 0) begin : n_edge
          // ws: partial sums start at 0; os: b from the column skew.
          assign d_in = {24'd0, b_north[j]};
        end else begin : n_pe
          assign d_in = d_south[(i-1)*C+j];
        end
        // One 8x8 signed multiplier: a times (ws: stationary weight, os: b from above).
        // Sign-extend to 16 bits; the low 16 bits of the product are exact (|p| <= 2^14).
        wire [ 7:0] m = mode_k ? d_in[7:0] : s[7:0];
        wire [15:0] p16 = {{8{a_in[7]}}, a_in[7:0]} * {{8{m[7]}}, m};
        wire [31:0] p = {{16{p16[15]}}, p16};
        always @(posedge clk) begin
          if (!rst_n) begin
            s <= 32'd0;
            d <= 32'd0;
          end else if (mode_k) begin
            // os: accumulate in place (restart at t = 0); pass b down.
            s <= (a_in[8] ? 32'd0 : s) + p;
            d <= d_in;
          end else begin
            // ws: weight row i is latched at edge i; partial sum flows down.
            if (active && k32 == i) s <= {{24{w_row[8*j+7]}}, w_row[8*j+:8]};
            d <= (i == 0 ? 32'd0 : d_in) + p;
          end
        end
        assign d_south[i*C+j] = d;
        assign s_stat[i*C+j] = s;
        if (j < C - 1) begin : pass_a  // the right-most column has no east neighbour
          reg [8:0] a_q;
          always @(posedge clk) a_q <= rst_n ? a_in : 9'd0;
          assign a_bus[i*C+j+1] = a_q;
        end
      end
    end

    // ws de-skew: bottom-row column j is C-1-j cycles early relative to column C-1.
    for (j = 0; j < C; j = j + 1) begin : deskew
      wire [31:0] tap[0:C-1-j];
      assign tap[0] = d_south[(R-1)*C+j];
      for (x = 0; x < C - 1 - j; x = x + 1) begin : st
        reg [31:0] q;
        always @(posedge clk) q <= rst_n ? tap[x] : 32'd0;
        assign tap[x+1] = q;
      end
      assign ws_out[j] = tap[C-1-j];
    end

    // mode_q changes only at a start edge, i.e. after the previous fold's last output showed.
    for (j = 0; j < C; j = j + 1) begin : out_mux
      assign c_row[32*j+:32] = mode_q ? os_out[j] : ws_out[j];
    end
  endgenerate

  integer r, col;  // drain row and column (loop variables)

  // os drain: accumulator row i is copied out at edge T+R+C-2+i (shows at T+R+C-1+i). Every
  // PE(i,*) finished its last MAC (edge T-1+i+j) at least one edge earlier.
  always @(posedge clk) begin
    if (!rst_n) begin
      for (col = 0; col < C; col = col + 1) os_out[col] <= 32'd0;
    end else begin
      for (r = 0; r < R; r = r + 1)
        if (active && mode_k && k32 == t32 + R + C - 2 + r)
          for (col = 0; col < C; col = col + 1) os_out[col] <= s_stat[r*C+col];
    end
  end

endmodule
