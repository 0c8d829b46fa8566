// Writes ../resources/js-multiformats-random-cids.psv. Copy this file into a folder where `npm install multiformats@13.4.2` ran, then: node gen-random-cids.mjs > js-multiformats-random-cids.psv
// Random CIDs written by js-multiformats in every base Pinfold reads (seeded, reproducible).
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { bases } from 'multiformats/basics'
import { base32 } from 'multiformats/bases/base32'
let seed = 20261126
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
const hashes = [0x00, 0x11, 0x12, 0x13, 0x14, 0x16, 0x1e, 0x22, 0xb220, 0xb240, 0x1012, 0x7a11c0]
const codecs = [0x55, 0x70, 0x71, 0x72, 0x85, 0x0129, 0x0200, 0x51, 0x78, 0x0202, 0x3a5f00]
const names = ['base2','base16','base16upper','base32','base32upper','base32pad','base32padupper','base32hex','base32hexupper','base32hexpad','base32hexpadupper','base36','base36upper','base58btc','base64','base64pad','base64url','base64urlpad']
console.log('# text|canonical base32 CID|multihash toBase32')
for (let i = 0; i < 60; i++) {
  const code = hashes[Math.floor(rnd() * hashes.length)]
  const size = Math.floor(rnd() * 70)
  const digest = Uint8Array.from({ length: size }, () => Math.floor(rnd() * 256))
  if (i % 7 === 0 && size > 0) digest[0] = 0
  const mh = Digest.create(code, digest)
  const cid = CID.createV1(codecs[Math.floor(rnd() * codecs.length)], mh)
  const base = bases[names[i % names.length]]
  console.log(`${cid.toString(base.encoder)}|${cid.toString()}|${base32.baseEncode(mh.bytes)}`)
}
