/**
 * The sound of a message, as toneless pinyin syllables (`pinyin-pro`). Buyers type homophones
 * (灾吗 for 在吗, 木有, 肿么), the wrong one of 的/地/得 or 在/再, and plain pinyin ("tui kuan",
 * "zaima", "xiexie"); in syllables all of these meet the characters they stand for. Han text is
 * converted with pinyin-pro (ü as v, as typed on a keyboard); a Latin word that splits entirely
 * into pinyin syllables ("tuikuan" → tui kuan) is split, other Latin words are kept whole.
 */
import { pinyin } from 'pinyin-pro';

/**
 * The toneless syllables of Mandarin (ü written v), as pinyin-pro gives them for the CJK Unified
 * Ideographs block. A constant, so that start-up does not convert 20,000 characters to find them.
 */
const SYLLABLES = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang ' +
    'cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan ' +
    'chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng di dia ' +
    'dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo ' +
    'fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai ' +
    'han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao ' +
    'jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai ' +
    'kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu ' +
    'long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng mi mian miao mie min ming ' +
    'miu mo mou mu na nai nan nang nao ne nei nen neng ng ni nian niang niao nie nin ning niu nong ' +
    'nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu ' +
    'qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong ' +
    'rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shen sheng ' +
    'shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan ' +
    'tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng ' +
    'wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ' +
    'ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao ' +
    'zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui ' +
    'zun zuo'
  ).split(' '),
);

/** "tuikuan" → ["tui", "kuan"]; undefined when the word is not all pinyin. Fewest syllables wins. */
export function splitPinyin(word: string): string[] | undefined {
  const known = SYLLABLES;
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const before = best[start];
      const piece = word.slice(start, end);
      if (before && known.has(piece) && (!best[end] || before.length + 1 < best[end]!.length)) best[end] = [...before, piece];
    }
  }
  return best[word.length];
}

/** Syllables of a normalized message (normalize.ts), in order; digits and placeholders are skipped. */
export function syllablesOf(normalized: string): string[] {
  const out: string[] = [];
  for (const [chunk] of normalized.matchAll(/\p{Script=Han}+|[a-z]+/gu)) {
    if (/^[a-z]/.test(chunk)) out.push(...(splitPinyin(chunk) ?? [chunk]));
    else out.push(...pinyin(chunk, { toneType: 'none', type: 'array', v: true }));
  }
  return out;
}
