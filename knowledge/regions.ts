/**
 * Mainland China's provincial-level divisions as a shop's shipping table names them, with the
 * short names buyers type ("河北", "新疆", "内蒙") and their prefecture-level cities, so that
 * "到石家庄几天" finds 河北省. Fixed geography, not shop data: the shop profile's province names
 * are checked against this list at load.
 */

export interface Province {
  /** The full name, as in addresses and the shop profile: 河北省, 北京市, 新疆维吾尔自治区. */
  name: string;
  /** What buyers type: 河北, 北京, 新疆. */
  short: string;
  /** Other names in use (内蒙, 广西壮族…). */
  aliases: string[];
  /** Prefecture-level cities and leagues, without 市/地区/州 where buyers drop it. */
  cities: string[];
}

const p = (name: string, short: string, cities: string, aliases: string[] = []): Province => ({
  name,
  short,
  aliases,
  cities: cities.split(' ').filter(Boolean),
});

export const PROVINCES: readonly Province[] = [
  p('北京市', '北京', '北京'),
  p('天津市', '天津', '天津'),
  p('上海市', '上海', '上海'),
  p('重庆市', '重庆', '重庆'),
  p('河北省', '河北', '石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水'),
  p('山西省', '山西', '太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁'),
  p('辽宁省', '辽宁', '沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛'),
  p('吉林省', '吉林', '长春 吉林 四平 辽源 通化 白山 松原 白城 延边'),
  p('黑龙江省', '黑龙江', '哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭'),
  p('江苏省', '江苏', '南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁'),
  p('浙江省', '浙江', '杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水'),
  p('安徽省', '安徽', '合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城'),
  p('福建省', '福建', '福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德'),
  p('江西省', '江西', '南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶'),
  p('山东省', '山东', '济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽'),
  p('河南省', '河南', '郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源'),
  p('湖北省', '湖北', '武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施 仙桃 潜江 天门 神农架'),
  p('湖南省', '湖南', '长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西'),
  p('广东省', '广东', '广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮'),
  p('海南省', '海南', '海口 三亚 三沙 儋州 琼海 万宁 文昌 五指山 东方市'),
  p('四川省', '四川', '成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 阿坝 甘孜 凉山'),
  p('贵州省', '贵州', '贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南 黔东南 黔南'),
  p('云南省', '云南', '昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆'),
  p('陕西省', '陕西', '西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛'),
  p('甘肃省', '甘肃', '兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏 甘南'),
  p('青海省', '青海', '西宁 海东 海北 黄南 海南州 果洛 玉树 海西'),
  p('内蒙古自治区', '内蒙古', '呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟 锡林郭勒 阿拉善', ['内蒙']),
  p('广西壮族自治区', '广西', '南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左', ['广西壮族']),
  p('西藏自治区', '西藏', '拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区'),
  p('宁夏回族自治区', '宁夏', '银川 石嘴山 吴忠 固原 中卫', ['宁夏回族']),
  p(
    '新疆维吾尔自治区',
    '新疆',
    '乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉 博尔塔拉 巴音郭楞 阿克苏 克孜勒苏 喀什 和田 伊犁 塔城 阿勒泰 石河子 阿拉尔 图木舒克 五家渠 库尔勒 伊宁',
    ['新疆维吾尔'],
  ),
  p('香港特别行政区', '香港', '香港', ['hk']),
  p('澳门特别行政区', '澳门', '澳门'),
  p('台湾省', '台湾', '台北 新北 桃园 台中 台南 高雄 基隆 新竹 嘉义'),
];

const byName = new Map(PROVINCES.map((province) => [province.name, province]));

/** The province of this full name, e.g. "河北省". */
export function provinceByName(name: string): Province | undefined {
  return byName.get(name);
}

interface Key {
  key: string;
  province: Province;
}

/** Every name a buyer may use, longest first, so "海南州" (Qinghai) wins over "海南" (the province). */
const KEYS: Key[] = PROVINCES.flatMap((province) => [
  { key: province.name, province },
  { key: province.short, province },
  ...province.aliases.map((key) => ({ key, province })),
  ...province.cities.flatMap((city) => [
    { key: city, province },
    { key: `${city}市`, province },
  ]),
])
  // 吉林 is a province and a city of it; 海南 the province, not Qinghai's 海南州.
  .filter((k, i, all) => all.findIndex((o) => o.key === k.key) === i)
  .sort((a, b) => b.key.length - a.key.length);

/**
 * The province a piece of buyer text names, by full name, short name or city: "河北", "石家庄",
 * "发到乌鲁木齐几天" → 新疆维吾尔自治区. The first (leftmost, then longest) mention wins.
 */
export function provinceIn(text: string): Province | undefined {
  let best: { at: number; key: Key } | undefined;
  for (const key of KEYS) {
    const at = text.indexOf(key.key);
    if (at >= 0 && (!best || at < best.at)) best = { at, key };
  }
  return best?.key.province;
}

/** A province name as given (full, short, alias or one of its cities) → the full name, if known. */
export function provinceName(given: string): string | undefined {
  const trimmed = given.trim();
  return byName.has(trimmed) ? trimmed : KEYS.find((k) => k.key === trimmed)?.province.name;
}
