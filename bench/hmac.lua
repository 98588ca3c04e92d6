-- HMAC-SHA256 (FIPS 180-4, RFC 2104) for wrk's LuaJIT, for bodies that share a long fixed prefix and differ in a
-- short tail: the hash of the key block and of the prefix's whole 64-byte blocks is computed once, so signing a
-- request hashes only the prefix's last partial block, the tail and the outer block (three or four compressions,
-- a few microseconds), and wrk keeps its CPU for load. Loaded with dofile by relay.lua.

local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local lshift, rshift, ror, tobit, tohex = bit.lshift, bit.rshift, bit.ror, bit.tobit, bit.tohex
local byte, char, rep, sub = string.byte, string.char, string.rep, string.sub

local M = {}

-- The round constants and the initial state, derived as the standard defines them (the first 32 bits of the
-- fractional parts of the cube roots of the first 64 primes, of the square roots of the first 8), not typed in.
local K, H0 = {}, {}
do
   local primes, n = {}, 2
   while #primes < 64 do
      local prime = true
      for _, p in ipairs(primes) do
         if p * p > n then break end
         if n % p == 0 then prime = false; break end
      end
      if prime then primes[#primes + 1] = n end
      n = n + 1
   end
   local function frac32(x) return tobit(math.floor((x - math.floor(x)) * 2 ^ 32)) end
   for i, p in ipairs(primes) do
      local c = p ^ (1 / 3)
      c = c - (c * c * c - p) / (3 * c * c)   -- one Newton step: the last bits of pow() are not guaranteed
      K[i - 1] = frac32(c)
      if i <= 8 then H0[i] = frac32(math.sqrt(p)) end
   end
end

local W = {}

-- One 64-byte block of s, from byte pos, into the state H (eight signed 32-bit words).
local function compress(H, s, pos)
   for i = 0, 15 do
      local b1, b2, b3, b4 = byte(s, pos + 4 * i, pos + 4 * i + 3)
      W[i] = bor(lshift(b1, 24), lshift(b2, 16), lshift(b3, 8), b4)
   end
   for i = 16, 63 do
      local w15, w2 = W[i - 15], W[i - 2]
      W[i] = tobit(W[i - 16] + W[i - 7] + bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3))
         + bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10)))
   end
   local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
   for i = 0, 63 do
      local t1 = h + bxor(ror(e, 6), ror(e, 11), ror(e, 25)) + bxor(band(e, f), band(bnot(e), g)) + K[i] + W[i]
      local t2 = bxor(ror(a, 2), ror(a, 13), ror(a, 22)) + bxor(band(a, b), band(a, c), band(b, c))
      h, g, f, e = g, f, e, tobit(d + t1)
      d, c, b, a = c, b, a, tobit(t1 + t2)
   end
   H[1], H[2], H[3], H[4] = tobit(H[1] + a), tobit(H[2] + b), tobit(H[3] + c), tobit(H[4] + d)
   H[5], H[6], H[7], H[8] = tobit(H[5] + e), tobit(H[6] + f), tobit(H[7] + g), tobit(H[8] + h)
end

-- A hash in progress over whole blocks: its state and how many bytes it has taken; the rest of s is returned.
local function absorb(s)
   local H = { H0[1], H0[2], H0[3], H0[4], H0[5], H0[6], H0[7], H0[8] }
   local whole = #s - #s % 64
   for pos = 1, whole, 64 do compress(H, s, pos) end
   return { H = H, length = whole }, sub(s, whole + 1)
end

-- The digest, as raw bytes, of everything absorbed followed by rest. The state given is not changed.
local function finish(state, rest)
   local H = { unpack(state.H) }
   local bits = (state.length + #rest) * 8
   local high = math.floor(bits / 2 ^ 32)
   local low = bits - high * 2 ^ 32
   local padded = rest .. "\128" .. rep("\0", (55 - #rest) % 64)
      .. char(band(rshift(high, 24), 255), band(rshift(high, 16), 255), band(rshift(high, 8), 255), band(high, 255))
      .. char(band(rshift(low, 24), 255), band(rshift(low, 16), 255), band(rshift(low, 8), 255), band(low, 255))
   for pos = 1, #padded, 64 do compress(H, padded, pos) end
   local out = {}
   for i = 1, 8 do
      local w = H[i]
      out[i] = char(band(rshift(w, 24), 255), band(rshift(w, 16), 255), band(rshift(w, 8), 255), band(w, 255))
   end
   return table.concat(out)
end

function M.sha256_hex(s)
   local state, rest = absorb("")
   local raw = finish(state, s)
   return (raw:gsub(".", function(c) return string.format("%02x", byte(c)) end))
end

-- A signer for messages that all start with prefix: signer(tail) is the lowercase hex HMAC-SHA256 of
-- prefix .. tail under key.
function M.signer(key, prefix)
   if #key > 64 then key = finish(absorb(""), key) end
   key = key .. rep("\0", 64 - #key)
   local ipad, opad = {}, {}
   for i = 1, 64 do
      local k = byte(key, i)
      ipad[i] = char(bxor(k, 0x36))
      opad[i] = char(bxor(k, 0x5c))
   end
   local inner, left = absorb(table.concat(ipad) .. prefix)
   local outer = absorb(table.concat(opad))
   return function(tail)
      local digest = finish(outer, finish(inner, left .. tail))
      local hex = {}
      for i = 0, 7 do
         local b1, b2, b3, b4 = byte(digest, 4 * i + 1, 4 * i + 4)
         hex[i + 1] = tohex(bor(lshift(b1, 24), lshift(b2, 16), lshift(b3, 8), b4), 8)
      end
      return table.concat(hex)
   end
end

return M
