# English wording of the appendix of letter 488. The Vietnamese is in flows/form-488.json.
# Keys follow src/form/texts.ts: form-part-*, form-node-*, form-group-*, form-q-<node>-<question>[-hint], form-opt-<set>-<option>.

form-common-body = Managing body (lead agency)
form-common-compliance = Meets the requirements of letter 1552/BTTTT-THH
form-common-investment = Investment / procurement / service-lease status (where not met)
form-common-investmentOther = Other: please specify
form-common-goLive = Expected month of completion and official go-live
form-common-reason = Reason for not meeting / partly meeting the requirements
form-common-connected-hint = For each information system or database connected to the national population database and the e-ID system

form-part-p1 = Focal officer of the ministry, sector or province for coordinating the implementation of letter 1552/BTTTT-THH of 26/4/2022
form-q-officer-fullName = Full name
form-q-officer-agency = Agency
form-q-officer-position = Position
form-q-officer-phone = Phone number
form-q-officer-email = E-mail

form-part-p2 = Status of the ministry, sector or province in applying letter 1552/BTTTT-THH of 26/4/2022
form-node-r1 = Network infrastructure and lines connecting the information systems and databases of the ministry, sector or province to the national population database and the e-ID system over the dedicated data network of Party and State bodies
form-node-r1-hint = { form-common-connected-hint }
form-q-r1-name = Name of the information system or database
form-q-r1-name-hint = For example: the administrative-procedure information system of the ministry/province
form-common-body-hint = For example: Department of Information and Communications
form-q-r1-body = { form-common-body }
form-q-r1-body-hint = { form-common-body-hint }
form-q-r1-compliance = { form-common-compliance }
form-q-r1-investment = { form-common-investment }
form-q-r1-investmentOther = { form-common-investmentOther }
form-q-r1-goLive = { form-common-goLive }
form-q-r1-reason = { form-common-reason }
form-q-r1-reason-hint = For example: some systems (their names) are hosted in a company's data centre with no line into the dedicated data network of Party and State bodies.

form-node-r2 = The ministry- or province-level administrative-procedure information system, merging the public-service portal and the electronic one-stop system
form-q-r2-body = { form-common-body }
form-q-r2-body-hint = { form-common-body-hint }
form-q-r2-compliance = { form-common-compliance }
form-q-r2-investment = { form-common-investment }
form-q-r2-investmentOther = { form-common-investmentOther }
form-q-r2-goLive = { form-common-goLive }
form-q-r2-reason = { form-common-reason }
form-q-r2-reason-hint = For example: no budget has been allocated.
form-q-r2-missingFunctions = If partly met: list the main functions not yet met
form-q-r2-missingFunctions-hint = For example: digitising dossiers; connection to the e-ID system.

form-node-r3 = Equipment of the one-stop offices at every level (scanners, computers, printers, lookup and information screens, digital-certificate devices…)
form-q-r3-body = { form-common-body }
form-q-r3-body-hint = For example: the public administration centre, the one-stop offices at every level
form-q-r3-compliance = { form-common-compliance }
form-q-r3-investment = { form-common-investment }
form-q-r3-investmentOther = { form-common-investmentOther }
form-q-r3-goLive = { form-common-goLive }
form-q-r3-reason = { form-common-reason }
form-q-r3-reason-hint = For example: no budget has been allocated; only some agencies have a budget for investment and procurement.
form-q-r3-officesLacking = If partly met: number of agencies not yet meeting the requirement
form-q-r3-officesTotal = If partly met: total number of agencies to be equipped
form-q-r3-devicesOwned = If partly met: number of devices already in place
form-q-r3-devicesNeeded = If partly met: total number of devices to be purchased

form-group-r4_1 = Connection to the national population database and the e-ID system for the five groups of utilities of Đề án 06
form-group-r4_2 = { form-group-r4_1 }
form-group-r4_3 = { form-group-r4_1 }
form-node-r4_1 = Administrative-procedure information system
form-node-r4_1-hint = { form-common-connected-hint }
form-q-r4_1-name = { form-q-r1-name }
form-q-r4_1-name-hint = { form-q-r1-name-hint }
form-q-r4_1-body = { form-common-body }
form-q-r4_1-body-hint = { form-common-body-hint }
form-q-r4_1-compliance = { form-common-compliance }
form-q-r4_1-investment = { form-common-investment }
form-q-r4_1-investmentOther = { form-common-investmentOther }
form-q-r4_1-goLive = { form-common-goLive }
form-q-r4_1-reason = { form-common-reason }
form-q-r4_1-reason-hint = For example: connection tests are done, but the information-security assessment needed for the official connection is not.

form-node-r4_2 = National and sector databases (ministries only)
form-q-r4_2-name = Name of the national or sector database
form-q-r4_2-name-hint = For example: the national insurance database
form-q-r4_2-body = { form-common-body }
form-q-r4_2-body-hint = For example: IT Department, Ministry of Justice
form-q-r4_2-compliance = { form-common-compliance }
form-q-r4_2-investment = { form-common-investment }
form-q-r4_2-investmentOther = { form-common-investmentOther }
form-q-r4_2-goLive = { form-common-goLive }
form-q-r4_2-reason = { form-common-reason }
form-q-r4_2-reason-hint = { form-q-r4_1-reason-hint }

form-node-r4_3 = Management or sector information systems that need to connect to and use the national population database and the e-ID system
form-q-r4_3-name = Name of the management or sector information system
form-q-r4_3-name-hint = For example: the civil-status management information system
form-q-r4_3-body = { form-common-body }
form-q-r4_3-body-hint = For example: IT Department, Ministry of Justice
form-q-r4_3-compliance = { form-common-compliance }
form-q-r4_3-investment = { form-common-investment }
form-q-r4_3-investmentOther = { form-common-investmentOther }
form-q-r4_3-goLive = { form-common-goLive }
form-q-r4_3-reason = { form-common-reason }
form-q-r4_3-reason-hint = For example: no budget.

form-node-r5 = Cyber security of the information systems and databases connected to the national population database and the e-ID system
form-node-r5-hint = For each information system or database connected to the national population database and the e-ID system (the systems listed in row 1)
form-q-r5-dossier = Approval of the information-security level dossier
form-q-r5-decision = Number of the approving decision
form-q-r5-decision-hint = For example: Decision No. .../QĐ-BGDĐT
form-q-r5-compliance = Deployment of security solutions and equipment
form-q-r5-investment = { form-common-investment }
form-q-r5-investmentOther = { form-common-investmentOther }
form-q-r5-goLive = { form-common-goLive }
form-q-r5-reason = { form-common-reason }
form-q-r5-reason-hint = For example: no budget has been allocated; the equipment is old and its licences were not renewed.
form-q-r5-missingItems = If partly met: list the requirements not yet met
form-q-r5-missingItems-hint = For example: IDS/IPS, WAF...

form-part-p3 = Proposed changes and additions to the essential IT components for implementing Đề án 06
form-node-proposals-hint = Changes and additions; describe the business requirements, functions and technical features. Press "Skip" if there are none.
form-q-proposals-network = Network infrastructure and connection lines
form-q-proposals-services = IT components for handling administrative procedures and providing online public services
form-q-proposals-services-hint = For example: consider adding functions and detailed guidance for connecting to the e-ID system for single sign-on
form-q-proposals-digitalCitizens = IT components for socio-economic development and digital citizens
form-q-proposals-digitalCitizens-hint = For example: consider adding detailed guidance for connecting to the e-ID system through the NDXP platform
form-q-proposals-populationData = IT components for management, business processing, and enriching population data
form-q-proposals-populationData-hint = For example: consider adding a catalogue of basic, common data-sharing services from the national population database
form-q-proposals-leadership = IT components for the direction and operation of leaders at every level
form-q-proposals-security = Cyber security
form-q-proposals-security-hint = For example: add typical deployment models for each information-security level for agencies to refer to.
form-q-proposals-other = Other

form-part-p4 = Difficulties, obstacles, proposals and recommendations
form-q-issues-difficulties = a) Difficulties and obstacles of the ministry, sector or province
form-q-issues-difficulties-hint = Please state the causes of any delay that keeps you from meeting the requirements of Đề án 06.
form-q-issues-recommendations = b) Proposals and recommendations

form-opt-compliance-met = Met
form-opt-compliance-partial = Partly met
form-opt-compliance-not_met = Not met
form-opt-investment-not_planned = No project / service-lease plan / outline and detailed estimate yet
form-opt-investment-policy_approval = Investment or procurement policy statement submitted or approved
form-opt-investment-project_approval = Project / service-lease plan / outline and detailed estimate submitted or approved
form-opt-investment-bidding = Bidding under way
form-opt-investment-procuring = Procurement under way
form-opt-investment-procured = Procurement completed
form-opt-investment-other = Other: please specify
form-opt-dossier-not_submitted = Not yet prepared or submitted for approval
form-opt-dossier-submitted = Submitted to the competent authority for approval
form-opt-dossier-approved = Approved by the competent authority

form-component-1 = Network and lines
form-component-2 = Administrative-procedure system
form-component-3 = One-stop equipment
form-component-4 = Connection to the population DB
form-component-5 = Information security
