// Rule 3: paragraphs cut in two by a page column are joined; real paragraph breaks are kept.
// Inputs are consecutive raw lines of the samples (blank lines dropped), as the extractor wrote them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rejoinParagraphs, rejoinWithReport } from '../../../renderer/import/cleanup';

type Case = [name: string, input: string[], expected: string[]];

const TIANSHAN_21 =
  '据街道妇联介绍,近年来,天山路街道秉持资源共建共享理念,以“普惠公平、儿童优先、儿童参与”为原则,在市、区妇联的指导和帮助下,结合社区二元结构特点及发展目标,推进“开放式”发展模式,通过社区、商圈联动,构建“1+18+7”的儿童服务圈。“1”即一个儿童服务中心;“18”即18个居民区的“儿童之家”;“7”即七大商场内的儿童文娱空间共同体。全面打造适合儿童的社区生态';
const TIANSHAN_29_END = '结合街道“15分钟生活圈”建设,计划将古北路小学门口通道打造成“儿童专属步道”,目前该项目已纳入“15分钟生活圈”规划改建项目。届时,整条通道将由社区儿童自行设计、自行参与建设、自行开展后';
const TIANSHAN_47_END = '通过多年的探索,长宁区在加梯工作方面有很好的基础,街道也积累了相当的工作经';
const TIANSHAN_55 = '四是以“众人拾柴火焰高”的格局,多方联动形成合力。各分管领导要分片区包干、整体推进。自治办要发挥牵头作用,及时指导居委会、业委会成立加梯自治小组,做好意愿收集、方案征询、经费';
const XINMIN_15 = `王敏表示,居民区党总支以居 民需求为导向,通过挖掘社区青年 力量, 孵化培育了社区社会组织佘 山"零伍服务社",探索建立"公益+ 市场"相结合机制,以空间换资源的 方式进行合作,并陆续推出了"共享 妈妈课堂""兴趣'家'公益课堂""便 民加油站""邻里生活节"等项目,为 居民提供多元化服务,满足社区全 龄段人群需求,持续强化自我"诰`;
const XINMIN_41 = '高华小区建干上世纪50年代, 是上海老闵行地区具有代表性的工 人新村。随着时间推移,小区房屋道 路破损、管道线路老化等情况频 出。 去年 10 月, 小区正式启动改 造。本次改造总建筑面积约为 19.9 万平方米,涉及3926户,内容包括 104 幢住宅小区外立面、屋面等翻 新: 雨污水混接改诰、(非)机动车位 改诰和道路整治: 党群服务站更新';
const JIANGPU_9 = '本报讯 7月25日,“活力江浦、智汇文化”江浦路社区第八届学习节开幕。开幕式上,学习节的四大服务项目被辖区8家企业认领,“白领慧';
const JIANGPU_11 = '庭”、“江浦社区创新屋”同时揭牌。据了解,“星尚文化”、“韵动生活”、“卓·儿·不群”以及“‘智汇’港湾”四大服务项目分别由上海金逸国际影城、上海罗兰数字音乐学校、上海丁俊晖台球俱乐部有限公司、上海';

const JOINED: Case[] = [
  ['rejoin-tianshan-social-ecology', [TIANSHAN_21, '环境,让儿童与天山社区共同成长。'], [`${TIANSHAN_21}环境,让儿童与天山社区共同成长。`]],
  ['rejoin-tianshan-trailing-comma', ['巴黎春天天山店七大商业载体,组建“天山商圈联盟”,免费开放各类娱乐设施,', '参与社区公益活动,让社区儿童共享社区经济发展成果。'], ['巴黎春天天山店七大商业载体,组建“天山商圈联盟”,免费开放各类娱乐设施,参与社区公益活动,让社区儿童共享社区经济发展成果。']],
  ['rejoin-tianshan-hou-qi-weihu', [TIANSHAN_29_END, '期维护,充分体现儿童的社区参与性。'], [`${TIANSHAN_29_END}期维护,充分体现儿童的社区参与性。`]],
  ['rejoin-tianshan-jing-yan-across-blank-lines', [TIANSHAN_47_END, '', '', '验,我们完全有可能取得新突破。'], [`${TIANSHAN_47_END}验,我们完全有可能取得新突破。`]],
  ['rejoin-tianshan-jing-fei', [TIANSHAN_55, '分摊等前期准备。管理办、综管中心要积极协调电梯公司等第三方,主动跨前服务。'], [`${TIANSHAN_55}分摊等前期准备。管理办、综管中心要积极协调电梯公司等第三方,主动跨前服务。`]],
  ['rejoin-jiangpu-bailing-hui-ting', [JIANGPU_9, JIANGPU_11, '咕噜咕噜体育发展有限公司、上海标杆教育有限公司承接,将开展音乐夏令营、公益轮滑体验、白领台球赛等活动。'], [`${JIANGPU_9}${JIANGPU_11}咕噜咕噜体育发展有限公司、上海标杆教育有限公司承接,将开展音乐夏令营、公益轮滑体验、白领台球赛等活动。`]],
  ['rejoin-jiangpu-short-paragraph-with-full-stop', ['创新志愿者工作载体。2010年以世博会为契机,街道组建了10支特', '色志愿者团队,并在各居委会设志愿者服务工作站。'], ['创新志愿者工作载体。2010年以世博会为契机,街道组建了10支特色志愿者团队,并在各居委会设志愿者服务工作站。']],
  ['rejoin-xinmin-quote-cut', ['改造后新增 了近760个停车位,小区内路旁停 满车辆的景象不复存在。为解决"最', '后一公里"难题,新增室外非机动充 电车棚 36 个。'], ['改造后新增 了近760个停车位,小区内路旁停 满车辆的景象不复存在。为解决"最后一公里"难题,新增室外非机动充 电车棚 36 个。']],
  ['rejoin-xinmin-short-line-of-clauses', ['如今,走进高华小区,随处可见', '红棕色外墙色调鲜明, 道路平整干 净,车辆规范停放。'], ['如今,走进高华小区,随处可见红棕色外墙色调鲜明, 道路平整干 净,车辆规范停放。']],
  ['rejoin-xinmin-cut-off-clause', ['华东政法大学政府管理学院教 授唐文玉作为高校赋能专家,就培', '育孵化社区社会组织的发展方向和 工作着力点提出了专业的观点和建 议。'], ['华东政法大学政府管理学院教 授唐文玉作为高校赋能专家,就培育孵化社区社会组织的发展方向和 工作着力点提出了专业的观点和建 议。']],
  ['rejoin-next-starts-with-closing-mark (constructed)', ['居民刘大爷说起小区新面貌面露喜色', '。'], ['居民刘大爷说起小区新面貌面露喜色。']],
  ['rejoin-latin-words-get-a-space (constructed)', ['请关注公众号,也可以访问上海社区发布的英文栏目,栏目名称是 SHANGHAI COMMUNITY', 'NEWS 频道,了解更多信息。'], ['请关注公众号,也可以访问上海社区发布的英文栏目,栏目名称是 SHANGHAI COMMUNITY NEWS 频道,了解更多信息。']],
];

const KEPT: Case[] = [
  ['keep-paragraph-ending-full-stop', ['环境,让儿童与天山社区共同成长。', '街道“儿童服务中心”建筑面积5000平方米。'], ['环境,让儿童与天山社区共同成长。', '街道“儿童服务中心”建筑面积5000平方米。']],
  ['keep-lead-in-colon', ['街道党委书记余双在讲话中强调四点工作意见:', '一是以“群雁高飞头雁领”的站位,党建引领统筹推进。'], ['街道党委书记余双在讲话中强调四点工作意见:', '一是以“群雁高飞头雁领”的站位,党建引领统筹推进。']],
  ['keep-headline-then-byline', ['江浦路社区第八届学习节开幕', '■记者 陈玲 实习生 章臻瑶'], ['江浦路社区第八届学习节开幕', '■记者 陈玲 实习生 章臻瑶']],
  ['keep-byline-then-dateline', ['■记者 陈玲 实习生 章臻瑶', JIANGPU_9], ['■记者 陈玲 实习生 章臻瑶', JIANGPU_9]],
  ['keep-two-headlines-then-dateline', ['节能环保标准化试点添新军', '杨浦区政府办公大楼通过节能环保标准化试点验收', '本报讯 7月24日,市质监局组织专家组对杨浦区政府办公大楼节能环保标准化试点项目进行评估验收。'], ['节能环保标准化试点添新军', '杨浦区政府办公大楼通过节能环保标准化试点验收', '本报讯 7月24日,市质监局组织专家组对杨浦区政府办公大楼节能环保标准化试点项目进行评估验收。']],
  ['keep-headline-with-comma-then-subhead', ['2021,发起加装电梯攻坚战', '确保新开工18台、力争新开工25台、冲刺目标30台'], ['2021,发起加装电梯攻坚战', '确保新开工18台、力争新开工25台、冲刺目标30台']],
  ['keep-headline-then-body-without-dateline', ['创新社区管理 提高为民服务水平', '延吉新村街道,辖区面积2.04平方公里,下辖17个居委会,户籍人口约7.47万人,外来人员1.1万。'], ['创新社区管理 提高为民服务水平', '延吉新村街道,辖区面积2.04平方公里,下辖17个居委会,户籍人口约7.47万人,外来人员1.1万。']],
  ['keep-subhead-then-body', ['校社协同赋能 装上专业智库"驱动轮"', '华东政法大学政府管理学院教 授唐文玉作为高校赋能专家,就培'], ['校社协同赋能 装上专业智库"驱动轮"', '华东政法大学政府管理学院教 授唐文玉作为高校赋能专家,就培']],
  ['keep-trailing-credit-ends-paragraph', ['取得了较好的经济和社会效益。■季菊', '台湾女青年会来杨浦交流'], ['取得了较好的经济和社会效益。■季菊', '台湾女青年会来杨浦交流']],
  ['keep-body-then-jump-line', ['共评估项目20次,出具20份评估报告。', '▶ 下转2版'], ['共评估项目20次,出具20份评估报告。', '▶ 下转2版']],
  ['keep-masthead-lines', ['TIAN SHAN', '天 山社区晨报', 'SHANGHAI COMMUNITY NEWS扫描二维码'], ['TIAN SHAN', '天 山社区晨报', 'SHANGHAI COMMUNITY NEWS扫描二维码']],
  ['keep-sponsor-label-lines', ['荣誉榜: 上海闵行后勤管理有限公司上海澳博海洋生物技术开发有限公司「上海星灵家具制造有限公司」上海绪环实业发展有限公司', '信用中国守信激励单位'], ['荣誉榜: 上海闵行后勤管理有限公司上海澳博海洋生物技术开发有限公司「上海星灵家具制造有限公司」上海绪环实业发展有限公司', '信用中国守信激励单位']],
];

for (const [name, input, expected] of [...JOINED, ...KEPT]) {
  test(`rule 3 ${name}`, () => {
    assert.deepEqual(rejoinParagraphs(input), expected);
    assert.deepEqual(rejoinParagraphs(expected), expected, 'a second pass changes nothing');
  });
}

type Undecided = [name: string, input: string[], paragraph: number, pattern: RegExp];

const AMBIGUOUS: Undecided[] = [
  ['ambiguous-cut-then-new-paragraph (xinmin)', [XINMIN_15, '近日,松江区佘山镇举办了一场特殊的 "圆桌会",参会的不但有镇领导、相关部门。'], 0, /starts a new paragraph/],
  ['ambiguous-cut-then-headline (xinmin)', [XINMIN_41, '"70岁"的高华小区实现"华丽变身"', '等。中建科丁秉承"人民城市"理念.'], 0, /looks like a headline/],
  ['ambiguous-word-tail-after-headline (xinmin)', ['"70岁"的高华小区实现"华丽变身"', '等。中建科丁秉承"人民城市"理念.'], 0, /rest of a word/],
];

for (const [name, input, paragraph, pattern] of AMBIGUOUS) {
  test(`rule 3 ${name}: kept apart and reported`, () => {
    const r = rejoinWithReport(input);
    assert.deepEqual(r.paragraphs, input);
    assert.equal(r.joins.length, 0);
    assert.ok(r.ambiguous.some((a) => a.paragraph === paragraph && pattern.test(a.message)), JSON.stringify(r.ambiguous));
  });
}

test('rule 3 every join is reported with the offset where the second part starts', () => {
  const r = rejoinWithReport([TIANSHAN_47_END, '验,我们完全有可能取得新突破。']);
  assert.equal(r.joins.length, 1);
  assert.equal(r.joins[0]!.paragraph, 0);
  assert.equal(r.paragraphs[0]!.slice(r.joins[0]!.offset), '验,我们完全有可能取得新突破。');
});
